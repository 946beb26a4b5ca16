"""The story for young readers (title and author, no line numbers unless asked): its spec and PDF view."""
