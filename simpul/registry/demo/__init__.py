"""Demo data for Simpul IKM: a believable registry of Lampung (province 18)."""
