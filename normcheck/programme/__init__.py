"""The housing programme: reading a CSV or .xlsx file in any of the layouts planners keep (long or
wide, Dutch or English headers, any dialect) into validated rows, every problem located."""
