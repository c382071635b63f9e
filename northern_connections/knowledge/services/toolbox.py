"""Writes of the toolbox: items, their module content, the review cycle, and learners' progress."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from northern_connections.accounts.models import User
from northern_connections.core import clock
from northern_connections.core.permissions import CHANGE, DELETE, VIEW, locked_for, require_add
from northern_connections.core.search import index_object, unindex_object
from northern_connections.core.services import model_update
from northern_connections.core.slugs import reserved_segments, unique_slug
from northern_connections.core.workflow import transition_apply
from northern_connections.directory.models import Organisation

from ..choices import QUIZ_PASS_SHARE
from ..models import LearnerProgress, Lesson, QuizQuestion, ToolboxItem
from ..workflow import TOOLBOX_WORKFLOW

SET_ELSEWHERE = ("status", "slug", "lead_author", "version", "published_at", "is_demo")
ITEM_FIELDS = tuple(f.name for f in ToolboxItem._meta.concrete_fields
                    if f.name not in SET_ELSEWHERE and not f.primary_key and f.name not in ("created", "updated"))
ITEM_M2M = ("authors",)


def toolbox_index(item: ToolboxItem) -> None:
    """The published version is what the public finds; an item never published is not indexed."""
    version = item.versions.order_by("-number").first()
    if version is None:
        unindex_object(item)
        return
    index_object(item, " ".join(filter(None, [version.title, version.summary, version.body])), item.language)


def toolbox_create(*, actor: User, lead_author: Organisation, lessons: list[dict] | None = None,
                   quiz: list[dict] | None = None, is_demo: bool = False, **fields) -> ToolboxItem:
    """A new draft item of `lead_author` (a verified organisation the actor edits); a module may bring its
    lessons and quiz at once."""
    with transaction.atomic():
        require_add(actor, ToolboxItem, lead_author=lead_author)
        item = ToolboxItem(lead_author=lead_author, is_demo=is_demo)
        item.slug = unique_slug(ToolboxItem, fields.get("title", ""),
                                reserved=reserved_segments("knowledge:toolbox_detail"), fallback="item")
        model_update(instance=item, data=fields, fields=ITEM_FIELDS, m2m=ITEM_M2M)
        if lessons is not None or quiz is not None:
            _set_module_content(item, lessons or [], quiz or [])
    return item


def toolbox_update(*, actor: User, item: ToolboxItem, **fields) -> ToolboxItem:
    """Edit the working copy of a draft (a published item is revised by moving it back to draft first)."""
    with transaction.atomic():
        item = locked_for(actor, CHANGE, item)
        if not item.is_editable:
            raise ValidationError(_("Only a draft can be edited: choose “Revise” on a published item first."))
        model_update(instance=item, data=fields, fields=ITEM_FIELDS, m2m=ITEM_M2M)
    return item


def module_content_set(*, actor: User, item: ToolboxItem, lessons: list[dict], quiz: list[dict]) -> ToolboxItem:
    """Replace a draft module's lessons ({title, body}) and quiz ({text, options, correct}), in their order."""
    with transaction.atomic():
        item = locked_for(actor, CHANGE, item)
        if not item.is_editable or not item.is_module:
            raise ValidationError(_("Only a draft self-study module has lessons and a quiz to edit."))
        _set_module_content(item, lessons, quiz)
    return item


def _set_module_content(item: ToolboxItem, lessons: list[dict], quiz: list[dict]) -> None:
    item.lessons.all().delete()
    item.quiz_questions.all().delete()
    for order, lesson in enumerate(lessons, start=1):
        row = Lesson(item=item, order=order, title=lesson.get("title", ""), body=lesson.get("body", ""))
        row.full_clean()
        row.save()
    for order, question in enumerate(quiz, start=1):
        row = QuizQuestion(item=item, order=order, text=question.get("text", ""),
                           options=question.get("options", []), correct=question.get("correct", 0))
        row.full_clean()
        row.save()


def toolbox_delete(*, actor: User, item: ToolboxItem) -> None:
    with transaction.atomic():
        item = locked_for(actor, DELETE, item)
        if item.version:
            raise ValidationError(_("An item that was published is archived, not deleted."))
        item.delete()


def toolbox_transition(*, actor: User, item: ToolboxItem, to_status: str, note: str = "") -> ToolboxItem:
    """Submit for review, approve and publish (reviewers), send back, revise or archive (see workflow.py)."""
    return transition_apply(workflow=TOOLBOX_WORKFLOW, actor=actor, obj=item, to_status=to_status, comment=note)


def _progress(actor: User, item: ToolboxItem) -> LearnerProgress:
    if not (actor and actor.is_authenticated):
        raise ValidationError(_("Log in to keep your progress."))
    if not ToolboxItem.objects.restrict(actor, VIEW).filter(pk=item.pk, kind=item.kind).exists() or not item.is_module:
        raise ValidationError(_("Progress is kept for self-study modules only."))
    progress, _created = LearnerProgress.objects.select_for_update().get_or_create(learner=actor, item=item)
    return progress


def _maybe_complete(progress: LearnerProgress, item: ToolboxItem) -> None:
    lessons = set(item.lessons.values_list("pk", flat=True))
    if progress.quiz_passed and lessons <= set(progress.lessons_done) and progress.completed_at is None:
        progress.completed_at = clock.now()


def lesson_complete(*, actor: User, lesson: Lesson) -> LearnerProgress:
    """Mark a lesson as done for the learner (idempotent)."""
    with transaction.atomic():
        progress = _progress(actor, lesson.item)
        if lesson.pk not in progress.lessons_done:
            progress.lessons_done = sorted([*progress.lessons_done, lesson.pk])
        _maybe_complete(progress, lesson.item)
        progress.save()
    return progress


def quiz_submit(*, actor: User, item: ToolboxItem, answers: dict[int, int]) -> LearnerProgress:
    """Score the learner's quiz answers (question id → option index); the best result is kept.

    Passing takes `QUIZ_PASS_SHARE` of the questions right; the module is completed once the quiz is
    passed and every lesson done.
    """
    with transaction.atomic():
        progress = _progress(actor, item)
        questions = list(item.quiz_questions.all())
        if not questions:
            raise ValidationError(_("This module has no quiz."))
        right = sum(1 for q in questions if answers.get(q.pk) == q.correct)
        if progress.quiz_score is None or right >= progress.quiz_score:
            progress.quiz_score, progress.quiz_total = right, len(questions)
        progress.quiz_passed = progress.quiz_passed or right >= QUIZ_PASS_SHARE * len(questions)
        _maybe_complete(progress, item)
        progress.save()
    return progress
