"""Pages of the insights app: dashboards (dashboard*.py), reports (report*.py) and open
data (opendata*.py), each mounted by its own URL module."""
