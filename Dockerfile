# Pasokh as a container: `pasokh serve` on 0.0.0.0:8000 as an unprivileged user.
# Two stages: the build stage installs into a virtualenv, the runtime stage copies only
# that virtualenv, so no compiler, pip cache or source tree ships. Dependencies come from
# the lock file (docs/dependencies.md).

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/pasokh
WORKDIR /build
COPY requirements/runtime.txt ./requirements/
RUN /opt/pasokh/bin/pip install --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY src ./src
RUN /opt/pasokh/bin/pip install --no-deps .

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/pasokh/bin:$PATH \
    PASOKH_ENV=production
RUN groupadd --system --gid 10001 pasokh \
    && useradd --system --uid 10001 --gid pasokh --home-dir /app --no-create-home pasokh \
    && mkdir -p /app/var && chown pasokh:pasokh /app/var
COPY --from=build /opt/pasokh /opt/pasokh
WORKDIR /app
USER 10001:10001
EXPOSE 8000
# uvicorn stops on SIGTERM: no new connections, sockets closed with 1012, answers in
# flight finished (docker's default stop grace is 10 s; compose gives 30 s).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
CMD ["pasokh", "serve", "--host", "0.0.0.0", "--port", "8000"]
