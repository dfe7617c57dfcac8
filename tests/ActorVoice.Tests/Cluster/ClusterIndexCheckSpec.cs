using ActorVoice.Retrieval.Indexing;
using ActorVoice.Server.Cluster;
using ActorVoice.Tests.Support;

namespace ActorVoice.Tests.Cluster;

public sealed class ClusterIndexCheckSpec
{
    [Fact]
    public void A_copy_of_an_index_elsewhere_has_the_same_fingerprint_and_another_index_does_not()
    {
        var root = RepoPaths.TempFolder("index-fingerprint");
        var built = Manifest(chunkChars: 800) with { DocumentsFolder = "/srv/docs", UpdatedUtc = DateTimeOffset.UtcNow };
        var copy = built with { DocumentsFolder = "/home/ops/docs", UpdatedUtc = DateTimeOffset.UtcNow.AddDays(1) };
        var rechunked = Manifest(chunkChars: 300);
        var edited = built with { Documents = new(StringComparer.Ordinal) { ["hr/leave.md"] = new DocumentEntry("bbbb", [0, 1]) } };

        var fingerprints = new[] { built, copy, rechunked, edited }.Select((manifest, i) =>
        {
            var folder = Path.Combine(root, $"index{i}");
            Directory.CreateDirectory(folder);
            manifest.Write(folder);
            return ClusterIndexCheck.Fingerprint(folder);
        }).ToList();

        Assert.Equal(fingerprints[0], fingerprints[1]);
        Assert.NotEqual(fingerprints[0], fingerprints[2]);
        Assert.NotEqual(fingerprints[0], fingerprints[3]);
    }

    private static IndexManifest Manifest(int chunkChars) => new()
    {
        ChunkTargetChars = chunkChars,
        ChunkOverlapChars = 100,
        ChunkCount = 2,
        NextChunkId = 2,
        Documents = new(StringComparer.Ordinal) { ["hr/leave.md"] = new DocumentEntry("aaaa", [0, 1]) },
    };
}
