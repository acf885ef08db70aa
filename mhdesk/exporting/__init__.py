"""Where figures leave the store: canonical CSV/XLSX, SDMX-CSV, always with formula neutralisation."""
