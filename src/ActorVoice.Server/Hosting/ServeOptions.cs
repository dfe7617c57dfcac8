namespace ActorVoice.Server.Hosting;

/// <summary>
/// What <c>actorvoice serve</c> runs with: the composed HOCON (engine, local server and <c>actorvoice.serve</c>), the
/// documents to index into <paramref name="IndexFolder"/> (or none: the folder is opened as it is), and the URLs to
/// listen on (null: <c>actorvoice.serve.urls</c>).
/// </summary>
public sealed record ServeOptions(Akka.Configuration.Config Config, string? Docs, string IndexFolder, string? Urls = null)
{
    /// <summary>The least severe log level shown (Information by default: sessions opening and closing are logged).</summary>
    public Microsoft.Extensions.Logging.LogLevel MinimumLogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>Where start-up progress is written for people ("Indexing ..."); null for none.</summary>
    public TextWriter? Status { get; init; } = Console.Error;
}
