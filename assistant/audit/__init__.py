"""The audit log: one row per answer in SQLite or PostgreSQL (SQLAlchemy), written before the answer
returns, buffered when the database is away."""
