"""The import engine: one code path for the web upload, the background worker and the
`simpul import_enterprises` command.

preview: stream the file's records → parse every cell → resolve the region, KBLI and
sentra → match against the registry and earlier rows of the file → one ImportRow each.
commit: write the accepted rows in one transaction. rollback: undo a committed batch
while none of its records has changed since."""
