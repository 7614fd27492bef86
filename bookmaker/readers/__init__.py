"""Readers: a file's text in one format -> the text and fields detection reads."""

from bookmaker.readers.markdown_story import MarkdownStory, is_bookmaker_manuscript, markdown_to_story_text

__all__ = ["MarkdownStory", "is_bookmaker_manuscript", "markdown_to_story_text"]
