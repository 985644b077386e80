"""Alembic environment: migrations run on the connection database.engine hands over."""

from alembic import context
from sqlalchemy import create_engine

from database.models import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")

if connection is None:
    # `alembic` command line (revision --autogenerate): URL from -x url=...
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///var/justif.sqlite3")
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
