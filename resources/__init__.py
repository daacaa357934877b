"""Data only: grading standards, price sheets, demo phones and photos, translations."""
