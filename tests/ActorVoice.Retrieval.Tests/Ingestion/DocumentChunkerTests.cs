using ActorVoice.Retrieval.Ingestion;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Ingestion;

public sealed class DocumentChunkerTests
{
    private static readonly DocumentChunker DefaultChunker = new(600, 100);

    [Fact]
    public void Markdown_chunks_should_carry_heading_paths_and_exact_offsets()
    {
        var source = SampleCorpus.VacationMarkdown;

        var chunks = DefaultChunker.Chunk("handbook/vacation.md", source, DocumentFormat.Markdown);

        Assert.Equal(
            ["Vacation", "Vacation > Accrual", "Vacation > Carry-over", "Vacation > Carry-over > Exceptions"],
            chunks.Select(c => c.HeadingPath));
        Assert.All(chunks, c => Assert.Equal(source[c.StartOffset..c.EndOffset], c.Text));
        Assert.StartsWith("Up to five unused vacation days", chunks[2].Text, StringComparison.Ordinal);
        Assert.EndsWith("are not paid out.", chunks[2].Text, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2, 3], chunks.Select(c => c.ChunkIndex));
    }

    [Fact]
    public void Long_sections_should_split_near_the_target_size_with_overlap()
    {
        var sentences = Enumerable.Range(1, 60).Select(i => $"Sentence number {i} talks about topic {i % 7}.");
        var source = "# Long\n\n" + string.Join(' ', sentences) + "\n";
        var chunker = new DocumentChunker(200, 40);

        var chunks = chunker.Chunk("long.md", source, DocumentFormat.Markdown);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.InRange(c.Text.Length, 1, 200));
        Assert.All(chunks, c => Assert.Equal(source[c.StartOffset..c.EndOffset], c.Text));
        Assert.All(chunks.Take(chunks.Count - 1), c => Assert.EndsWith(".", c.Text, StringComparison.Ordinal));
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].StartOffset < chunks[i - 1].EndOffset, $"chunk {i} should overlap the previous one");
            Assert.True(chunks[i].StartOffset > chunks[i - 1].StartOffset, $"chunk {i} should move forward");
        }

        Assert.Equal(source.TrimEnd().Length, chunks[^1].EndOffset);
    }

    [Fact]
    public void Chunks_without_overlap_should_tile_the_section()
    {
        var source = string.Join("\n\n", Enumerable.Range(1, 20).Select(i => $"Paragraph {i} has a few words in it."));
        var chunker = new DocumentChunker(120, 0);

        var chunks = chunker.Chunk("plain.txt", source, DocumentFormat.PlainText);

        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].StartOffset >= chunks[i - 1].EndOffset);
        }

        Assert.Equal(20, chunks.Sum(c => c.Text.Split("Paragraph").Length - 1));
    }

    [Fact]
    public void A_word_longer_than_a_chunk_should_be_cut_without_losing_text()
    {
        var source = new string('x', 500);

        var chunks = new DocumentChunker(100, 0).Chunk("x.txt", source, DocumentFormat.PlainText);

        Assert.Equal(5, chunks.Count);
        Assert.Equal(source, string.Concat(chunks.Select(c => c.Text)));
    }

    [Fact]
    public void Markdown_parsing_should_ignore_hashes_in_code_fences_and_read_setext_headings()
    {
        var source = "Title\n=====\n\nIntro text.\n\n```\n# not a heading\n```\n\nSection\n-------\nBody.\n";

        var chunks = DefaultChunker.Chunk("a.md", source, DocumentFormat.Markdown);

        Assert.Equal(["Title", "Title > Section"], chunks.Select(c => c.HeadingPath));
        Assert.Contains("# not a heading", chunks[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_chunks_should_drop_markup_decode_entities_and_map_offsets_to_the_file()
    {
        var source = SampleCorpus.WifiHtml;

        var chunks = DefaultChunker.Chunk("support/wifi.html", source, DocumentFormat.Html);

        Assert.Equal(["Wi-Fi pairing", "Wi-Fi pairing > Troubleshooting"], chunks.Select(c => c.HeadingPath));
        var all = string.Join("\n", chunks.Select(c => c.Text));
        Assert.DoesNotContain("tracking", all, StringComparison.Ordinal);
        Assert.DoesNotContain("color", all, StringComparison.Ordinal);
        Assert.DoesNotContain("comment", all, StringComparison.Ordinal);
        Assert.DoesNotContain("<", all, StringComparison.Ordinal);
        Assert.Contains("blinks blue & the robot says \"ready to pair\".", all, StringComparison.Ordinal);
        Assert.Contains("Café hotspots", all, StringComparison.Ordinal);
        Assert.Contains("not supported – switch", all, StringComparison.Ordinal);

        // Modulo HTML: the file's text at the offsets, stripped and decoded, is the chunk text.
        foreach (var chunk in chunks)
        {
            Assert.Equal('>', source[chunk.StartOffset - 1]);
            var extracted = HtmlTextExtractor.Parse(source[chunk.StartOffset..chunk.EndOffset]).Plain;
            Assert.Equal(Collapse(chunk.Text), Collapse(extracted));
        }
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
