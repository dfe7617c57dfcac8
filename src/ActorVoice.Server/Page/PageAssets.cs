using System.Reflection;
using System.Security.Cryptography;

namespace ActorVoice.Server.Page;

/// <summary>
/// The files of the built-in page (wwwroot/, embedded as <c>ActorVoice.Server.wwwroot.NAME</c>), loaded once. Serving
/// them from the assembly keeps the page with the server that speaks its protocol: no file system, no CDN, offline.
/// </summary>
internal static class PageAssets
{
    internal const string ResourcePrefix = "ActorVoice.Server.wwwroot.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    private static readonly Lazy<IReadOnlyList<PageAsset>> Loaded = new(Load);

    /// <summary>Every file of the page; index.html among them.</summary>
    internal static IReadOnlyList<PageAsset> All => Loaded.Value;

    private static List<PageAsset> Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var assets = new List<PageAsset>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var file = name[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType))
            {
                continue;
            }

            var content = Read(assembly, name);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"";
            assets.Add(new PageAsset("/" + file, contentType, content, etag));
        }

        if (!assets.Exists(a => a.Path == "/index.html"))
        {
            throw new InvalidOperationException(
                $"The page's index.html is not embedded in {assembly.GetName().Name} (expected resource {ResourcePrefix}index.html).");
        }

        return assets;
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} cannot be opened.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
