"""ArticleLoader: cleans raw values into the Article contract with the processors items.py declares."""

from itemloaders.processors import MapCompose, TakeFirst
from scrapy.loader import ItemLoader

from newscrawl import processors as p
from newscrawl.items import Article


class ArticleLoader(ItemLoader):
    """Cleans raw field values with each field's declared processors (items.py), for any site.

    A field without processors of its own is cleaned text, the first value that is not empty.
    Site quirks (a local time zone, URL normalisation) live in subclasses, as ``<field>_in``.
    The page's URL, given as ``base_url``, resolves relative links.
    """

    default_item_class = Article
    default_input_processor = MapCompose(p.clean_text)
    default_output_processor = TakeFirst()

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
