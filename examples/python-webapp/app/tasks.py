import os

from celery import Celery

celery = Celery("app", broker=os.environ.get("REDIS_URL", "redis://redis:6379/0"))


@celery.task
def add(x, y):
    return x + y
