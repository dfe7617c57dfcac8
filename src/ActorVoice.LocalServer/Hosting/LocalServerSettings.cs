using ActorVoice.Config;

namespace ActorVoice.LocalServer.Hosting;

/// <summary>Typed settings of the local realtime server, read once from <c>actorvoice.local-server</c>.</summary>
public sealed record LocalServerSettings
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; }

    public int MaxFrameBytes { get; init; } = 16 * 1024 * 1024;

    public int MaxSessions { get; init; } = 64;

    public TimeSpan MaxSessionDuration { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Input audio budget per session in wire bytes per second; 0 means unlimited.</summary>
    public int MaxAudioBytesPerSecond { get; init; }

    /// <summary>The key clients must present; empty means none.</summary>
    public string ApiKey { get; init; } = string.Empty;

    /// <summary>Whether beta-dialect clients are served (with beta event names) or refused as OpenAI does.</summary>
    public bool AcceptBeta { get; init; } = true;

    public TlsSettings Tls { get; init; } = new();

    public VadSettings Vad { get; init; } = new();

    public RecognitionSettings Recognition { get; init; } = new();

    public SynthesisSettings Synthesis { get; init; } = new();

    /// <summary>The embedded reference config of this module.</summary>
    public static Akka.Configuration.Config DefaultConfig() =>
        HoconConfig.FromResource(typeof(LocalServerSettings).Assembly, "ActorVoice.LocalServer.reference.conf");

    public static LocalServerSettings Create(Akka.Configuration.Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var c = root.WithFallback(DefaultConfig()).GetConfig("actorvoice.local-server");
        return new LocalServerSettings
        {
            Host = c.GetString("host"),
            Port = c.GetInt("port"),
            MaxFrameBytes = c.GetInt("max-frame-bytes"),
            MaxSessions = c.GetInt("max-sessions"),
            MaxSessionDuration = c.GetTimeSpan("max-session-duration"),
            MaxAudioBytesPerSecond = c.GetInt("max-audio-bytes-per-second"),
            ApiKey = c.GetString("api-key") ?? string.Empty,
            AcceptBeta = c.GetBoolean("accept-beta"),
            Tls = new TlsSettings
            {
                Enabled = c.GetBoolean("tls.enabled"),
                Port = c.GetInt("tls.port"),
                CertificatePath = ExpandHome(c.GetString("tls.certificate") ?? string.Empty),
                CertificatePassword = c.GetString("tls.certificate-password") ?? string.Empty,
                GeneratedCertificatePath = ExpandHome(c.GetString("tls.generated-certificate")),
            },
            Vad = new VadSettings
            {
                MinDbfs = c.GetDouble("vad.min-dbfs"),
                MaxDbfs = c.GetDouble("vad.max-dbfs"),
                Threshold = c.GetDouble("vad.threshold"),
                PrefixPadding = c.GetTimeSpan("vad.prefix-padding"),
                SilenceDuration = c.GetTimeSpan("vad.silence-duration"),
                MinSpeechDuration = c.GetTimeSpan("vad.min-speech-duration"),
            },
            Recognition = new RecognitionSettings
            {
                HmmPath = c.GetString("recognition.hmm"),
                DictionaryPath = c.GetString("recognition.dictionary"),
                LanguageModelPath = c.GetString("recognition.language-model"),
                DomainDocs = c.GetString("recognition.domain-docs"),
                DomainMode = c.GetString("recognition.domain-mode"),
                DomainWeight = c.GetDouble("recognition.domain-weight"),
                DomainCache = ExpandHome(c.GetString("recognition.domain-cache")),
                PoolSize = c.GetInt("recognition.pool-size"),
                StableUpdates = c.GetInt("recognition.stable-updates"),
            },
            Synthesis = new SynthesisSettings
            {
                Engine = c.GetString("synthesis.engine"),
                Voice = c.GetString("synthesis.voice"),
                Chunk = c.GetTimeSpan("synthesis.chunk"),
            },
        };
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
