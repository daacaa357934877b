"""The headquarters sync service (FastAPI on PostgreSQL); not built yet."""
