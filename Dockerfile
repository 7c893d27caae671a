# The actorgraph API and CLI. The pages' browser libraries are package data (api/static/vendor/).
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY graph graph
COPY ingest ingest
COPY api api
COPY loaders loaders
COPY queries queries
COPY cli cli
RUN pip install --no-cache-dir .
COPY seeds seeds
RUN useradd --create-home actorgraph && chown -R actorgraph /app
USER actorgraph
EXPOSE 8000
CMD ["actorgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
