"""Data entry in the spirit of DHIS2's form: org unit and period, a grid per indicator, undo for every edit."""
