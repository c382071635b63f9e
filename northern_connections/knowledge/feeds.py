"""Atom feed of the partnership's lessons learned and news (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .selectors import public_publications


class PublicationFeed(Feed):
    feed_type = Atom1Feed
    title = _("Northern Connections – lessons learned and news")
    subtitle = _("Articles, reports and policy notes of the partnership on innovation procurement and SME support.")
    link = reverse_lazy("knowledge:publication_list")

    def items(self):
        return public_publications()[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.publisher.name

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]
