# Production image: locked, hash-checked dependencies (requirements/production.txt, made with
# pip-compile --generate-hashes from pyproject.toml), no development packages (embedded
# PostgreSQL/Redis, Faker), hashed static files collected at build time and served by WhiteNoise.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production
RUN apt-get update && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/production.txt requirements/production.txt
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/production.txt
COPY . .
RUN DJANGO_SECRET_KEY=collectstatic-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH \
    DW_BSN_SLEUTELS=8uy1wFoJoYrRQ3WlD824w3Q8riH88tOYrNqcxfMoivI= \
    DW_BSN_HASH_SLEUTEL=collectstatic-only-0123456789-abcdefghijklmnop \
    DJANGO_ALLOWED_HOSTS=build python manage.py collectstatic --noinput
RUN useradd --create-home deventer && chown -R deventer /app
USER deventer
EXPOSE 8000
# Bind, workers and a JSON access log without query strings: deventer_werk/gunicorn_conf.py.
CMD ["gunicorn", "deventer_werk.wsgi", "--config", "python:deventer_werk.gunicorn_conf"]
