"""Demo content for the example portal, loaded by ``manage.py load_demo_content``.

Modules, one job each:

* :mod:`home.demo.images` draws the demo pictures with Pillow (no downloads);
* :mod:`home.demo.specs` holds the shapes of the demo data and StreamField block helpers;
* :mod:`home.demo.content` has the sections, categories, settings and the featured article;
* :mod:`home.demo.stories` generates the other articles from original sentence templates;
* :mod:`home.demo.english` has English versions of part of it, keyed to the originals;
* :mod:`home.demo.translation` turns them into wagtail-localize translations;
* :mod:`home.demo.builder` creates (or finds) the Wagtail objects;
* :mod:`home.demo.report` counts what was created and prints the summary.
"""
