"""Emails of the translation review, reusing Wagtail's own templates.

Wagtail already mails the translator (the workflow's requester) when the translation is
approved or changes are requested, and the members of the task's admin-chosen groups when a
review starts. We add the default reviewers: the coordinators or editors who must act.
"""

from workflows.notifications import ScopedReviewersNotifier


class TranslationReviewSubmittedNotifier(ScopedReviewersNotifier):
    def task_class(self):
        from locales.models import TranslationReviewTask

        return TranslationReviewTask

    def reviewer_group_names(self, page):
        from locales.review import reviewer_group_names

        return reviewer_group_names(page)


translation_review_submitted = TranslationReviewSubmittedNotifier()
