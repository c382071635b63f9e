"""Atom feed of newly published challenges (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .choices import ChallengeStatus
from .selectors import public_challenges


class ChallengeFeed(Feed):
    feed_type = Atom1Feed
    title = _("Northern Connections – innovation challenges")
    subtitle = _("Challenges of cities, regions and clusters, open to SMEs in every partner country.")
    link = reverse_lazy("challenges:challenge_list")

    def items(self):
        return public_challenges().filter(status=ChallengeStatus.PUBLISHED).order_by("-published_at")[:50]

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        return item.display_summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.owner.name
