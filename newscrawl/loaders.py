"""ArticleLoader: how each Article field is cleaned, whatever produced the raw value."""

from datetime import timezone

from itemloaders.processors import Compose, MapCompose, TakeFirst
from scrapy.loader import ItemLoader

from newscrawl import processors as p
from newscrawl.items import Article


def _utc_iso(value):
    """A date string as ISO 8601 UTC; a time without a zone is read as UTC."""
    return p.to_utc_iso(value, local_zone=timezone.utc)


def _list_or_none(values):
    return list(values) or None


class ArticleLoader(ItemLoader):
    """Cleans raw field values into the Article contract (see items.py), for any site.

    Site quirks (a local time zone, URL normalisation) live in subclasses.
    """

    default_item_class = Article
    default_input_processor = MapCompose(p.clean_text)
    default_output_processor = TakeFirst()

    article_body_in = MapCompose(p.split_paragraphs)
    article_body_out = Compose(p.join_paragraphs)

    authors_in = MapCompose(p.split_authors)
    authors_out = Compose(p.unique, _list_or_none)

    tags_out = Compose(p.unique, _list_or_none)

    date_published_in = date_modified_in = MapCompose(_utc_iso)

    language_in = MapCompose(p.language_code)
    main_image_in = MapCompose(p.split_caption)
    reading_time_in = MapCompose(p.reading_minutes)

    # itemloaders looks a field's processors up again for every value, through the item's field
    # metadata (a third of the loader's time); they depend on the loader and item classes only.
    _processors = {}

    def _processor(self, field_name, kind, look_up):
        key = (type(self), type(self.item), field_name, kind)
        processor = self._processors.get(key)
        if processor is None:
            processor = self._processors[key] = look_up(field_name)
        return processor

    def get_input_processor(self, field_name):
        return self._processor(field_name, "in", super().get_input_processor)

    def get_output_processor(self, field_name):
        return self._processor(field_name, "out", super().get_output_processor)

    def load_item(self):
        """Load the item and derive word_count from the cleaned body."""
        item = super().load_item()
        body = item.get("article_body")
        if body:
            item["word_count"] = len(body.split())
        return item
