using ActorVoice.Retrieval.Ingestion;
using Xunit;

namespace ActorVoice.Retrieval.Tests.Ingestion;

public sealed class DocumentFolderReaderTests : IDisposable
{
    private readonly SampleCorpus _corpus = new();

    public void Dispose() => _corpus.Dispose();

    [Fact]
    public void FindFiles_should_list_supported_files_recursively_with_forward_slashes()
    {
        var files = DocumentFolderReader.FindFiles(_corpus.DocumentsFolder);

        Assert.Equal(
            ["handbook/vacation.md", "it/passwords.txt", "notes/empty.md", "support/wifi.html"],
            files.Select(f => f.RelativePath));
        Assert.Equal(DocumentFormat.Html, files.Single(f => f.RelativePath.EndsWith(".html", StringComparison.Ordinal)).Format);
    }

    [Fact]
    public void FindFiles_should_name_the_missing_folder()
    {
        var missing = Path.Combine(_corpus.Root, "no-such-folder");

        var error = Assert.Throws<DirectoryNotFoundException>(() => DocumentFolderReader.FindFiles(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryLoad_should_skip_an_empty_file_with_a_reason()
    {
        var file = DocumentFolderReader.FindFiles(_corpus.DocumentsFolder).Single(f => f.RelativePath == "notes/empty.md");

        var (document, skipped) = DocumentFolderReader.TryLoad(file);

        Assert.Null(document);
        Assert.Equal("empty file", skipped!.Reason);
    }

    [Fact]
    public void TryLoad_should_skip_binary_content_and_hash_text()
    {
        File.WriteAllBytes(_corpus.PathOf("notes/binary.txt"), [0x41, 0x00, 0x42]);
        var files = DocumentFolderReader.FindFiles(_corpus.DocumentsFolder);

        var (_, skipped) = DocumentFolderReader.TryLoad(files.Single(f => f.RelativePath == "notes/binary.txt"));
        var (document, _) = DocumentFolderReader.TryLoad(files.Single(f => f.RelativePath == "it/passwords.txt"));

        Assert.Contains("binary", skipped!.Reason, StringComparison.Ordinal);
        Assert.Equal(64, document!.Sha256.Length);
        Assert.Equal(_corpus.Read("it/passwords.txt"), document.Text);
    }
}
