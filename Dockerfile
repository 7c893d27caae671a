# The actorgraph API and CLI, with the web explorer's assets installed from npm.
FROM node:20-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY graph graph
COPY api api
COPY loaders loaders
COPY queries queries
COPY cli cli
COPY --from=web /web/node_modules/cytoscape/dist/cytoscape.min.js \
     /web/node_modules/layout-base/layout-base.js \
     /web/node_modules/cose-base/cose-base.js \
     /web/node_modules/cytoscape-fcose/cytoscape-fcose.js api/static/vendor/
RUN pip install --no-cache-dir .
COPY seeds seeds
RUN useradd --create-home actorgraph && chown -R actorgraph /app
USER actorgraph
EXPOSE 8000
CMD ["actorgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
