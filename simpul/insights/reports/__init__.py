"""The regional report (issue 6, item 4): `data.assemble` reads the indicators once;
`xlsx.write_xlsx` and `pdf.write_pdf` print the same `ReportData`."""
