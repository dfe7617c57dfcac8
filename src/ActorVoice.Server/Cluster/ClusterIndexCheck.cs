using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using Akka.DistributedData;
using ActorVoice.Retrieval.Indexing;

namespace ActorVoice.Server.Cluster;

/// <summary>
/// Every node answers from the same index: each node, once it is a member, adds the fingerprint of its index manifest
/// (documents and their hashes, chunking, phonetic and dense settings; not the folder or the time) to a replicated set
/// and refuses to become ready when the cluster already holds another fingerprint.
/// </summary>
public static class ClusterIndexCheck
{
    private static readonly GSetKey<string> Key = new("actorvoice-index-manifests");

    /// <summary>The fingerprint of the manifest in <paramref name="indexFolder"/>.</summary>
    public static string Fingerprint(string indexFolder)
    {
        var manifest = IndexManifest.Read(indexFolder);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"format {manifest.FormatVersion}; chunks {manifest.ChunkTargetChars}/{manifest.ChunkOverlapChars}/{manifest.ChunkCount}/{manifest.NextChunkId}; ");
        text.Append(CultureInfo.InvariantCulture, $"phonetic {manifest.PhoneticEnabled} {manifest.PhoneticDictionary}; dense {manifest.Dense?.ModelName} {manifest.Dense?.Dimension} {manifest.Dense?.VectorCount}\n");
        foreach (var (path, entry) in manifest.Documents.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{path} {entry.Sha256} {string.Join(',', entry.ChunkIds)}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>
    /// Waits until this node is up, then checks its index against the cluster's.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cluster's nodes opened different indexes.</exception>
    public static async Task VerifyAsync(ActorSystem system, string indexFolder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var own = Fingerprint(indexFolder);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(cancellationToken).ConfigureAwait(false);

        var data = DistributedData.Get(system);
        GSet<string>? known;
        try
        {
            known = await data.GetAsync(Key, new ReadMajority(timeout), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            known = await data.GetAsync(Key, ReadLocal.Instance, cancellationToken).ConfigureAwait(false);
        }

        ThrowIfOther(known, own, indexFolder);
        try
        {
            await data.UpdateAsync(Key, GSet.Create(own), new WriteMajority(timeout), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not confirmed by a majority in time: kept here and gossiped; the check below still sees what arrived.
        }

        ThrowIfOther(await data.GetAsync(Key, ReadLocal.Instance, cancellationToken).ConfigureAwait(false), own, indexFolder);
    }

    private static void ThrowIfOther(GSet<string>? known, string own, string indexFolder)
    {
        var others = known?.Elements.Where(f => f != own).ToList() ?? [];
        if (others.Count > 0)
        {
            throw new InvalidOperationException(
                $"The index at {indexFolder} (manifest fingerprint {own}) is not the one the cluster's other nodes opened " +
                $"({string.Join(", ", others)}). Build the index once and give every node the same folder or an identical copy (docs/cluster.md).");
        }
    }
}
