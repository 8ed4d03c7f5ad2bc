"""Open data (issue 6, item 5): public aggregate tables read from the rollups, with
small-cell suppression (see suppression.py and README.md)."""
