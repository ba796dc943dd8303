# Pasokh as a container: the service on 0.0.0.0:8000, run by an unprivileged user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PASOKH_ENV=production

RUN groupadd --system pasokh && useradd --system --gid pasokh --create-home pasokh

WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install . && mkdir -p /app/var && chown pasokh:pasokh /app/var

USER pasokh
EXPOSE 8000

HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/chat/api/faqs/', timeout=2)"

CMD ["sh", "-c", "pasokh migrate && exec pasokh serve --host 0.0.0.0 --port 8000"]
