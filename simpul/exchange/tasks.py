"""Background work of imports, run by the task worker (`simpul db_worker`)."""

from django_tasks import task

from simpul.accounts.models import User

from .models import ImportBatch


@task()
def preview_batch(*, batch_id: int) -> str:
    from .services import batch_preview_now

    batch = ImportBatch.objects.select_related("office").get(pk=batch_id)
    return batch_preview_now(batch).status


@task()
def commit_batch(*, batch_id: int, actor_id: int) -> str:
    from .services import batch_commit_now

    batch = ImportBatch.objects.select_related("office").get(pk=batch_id)
    actor = User.objects.filter(pk=actor_id).first()
    return batch_commit_now(batch, actor=actor).status
