"""Marking scanned class sets: pages found by their QR code, aligned by their corner squares, tick boxes read and marked against each copy's variant key."""
