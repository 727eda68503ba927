"""The DR worksheet: the sheets a consultant fills with the client.

``sheets`` decides the rows and columns once; ``xlsx`` and ``md`` render them; ``carry``
reads a filled worksheet back so what people typed survives the next scan."""
