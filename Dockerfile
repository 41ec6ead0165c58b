# The bot as a container: python -m bot, as a non-root user. Settings come from the environment
# (docker-compose.yml passes them); the image holds no .env and no data. With matplotlib, so
# /stats draws its chart.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

COPY pyproject.toml README.md /src/
COPY bot /src/bot
COPY handlers /src/handlers
COPY storage /src/storage
RUN pip install "/src[charts]" \
    && rm -rf /src \
    && useradd --system --create-home --home-dir /app --uid 10001 otklik \
    && mkdir /app/data \
    && chown otklik:otklik /app/data

# /app/data is where the default DATABASE_URL (sqlite:///data/bot.sqlite3) puts a SQLite file.
WORKDIR /app
USER otklik
# Webhook mode listens here (WEBHOOK_LISTEN=0.0.0.0:8080); GET /healthz answers 200.
EXPOSE 8080
# SIGTERM lets updates in progress and a reply being sent finish before the bot exits 0.
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot"]
