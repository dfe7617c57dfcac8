using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ActorVoice.Audio.Vad;

/// <summary>
/// The Silero VAD v5 ONNX model (MIT, snakers4/silero-vad), loaded once into an ONNX Runtime session that every stream
/// shares: <see cref="InferenceSession"/> runs concurrent calls safely, and each stream keeps its own recurrent state
/// and audio context (<see cref="SileroVad"/>). The file comes from the npm package <c>@livekit/agents-plugin-silero</c>
/// through <c>scripts/silero-model.sh</c>; nothing is downloaded at run time.
/// </summary>
public sealed class SileroVadModel : IDisposable
{
    /// <summary>The model runs at 16 kHz: 512 new samples (32 ms) per window, after 64 samples of the previous one.</summary>
    public const int SampleRate = 16_000;

    public const int WindowSamples = 512;

    public const int ContextSamples = 64;

    /// <summary>The recurrent state: [2, batch = 1, 128].</summary>
    public const int StateLength = 2 * 1 * 128;

    /// <summary>Where scripts/silero-model.sh puts the model, under the repository and (copied by the build) beside the binaries.</summary>
    public const string DefaultRelativePath = "models/silero/silero_vad.onnx";

    internal const string InputName = "input";
    internal const string StateName = "state";
    internal const string SampleRateName = "sr";
    internal const string OutputName = "output";
    internal const string StateOutputName = "stateN";

    private static readonly ConcurrentDictionary<string, Lazy<SileroVadModel>> Loaded = new(StringComparer.Ordinal);

    private SileroVadModel(string path)
    {
        Path = path;
        using var options = new SessionOptions
        {
            // A window is a few hundred microseconds of work: one thread per call, the streams give the parallelism.
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        Session = new InferenceSession(path, options);
        try
        {
            Verify(Session);
        }
        catch
        {
            Session.Dispose();
            throw;
        }
    }

    public string Path { get; }

    internal InferenceSession Session { get; }

    /// <summary>
    /// The model file to use: <paramref name="configured"/> when given (a leading <c>~/</c> is the home folder), else
    /// <see cref="DefaultRelativePath"/> beside the binaries, else under the first folder above them or above the current
    /// folder that holds it (the repository when run from a checkout). Throws <see cref="SileroModelMissingException"/>.
    /// </summary>
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = configured.StartsWith("~/", StringComparison.Ordinal)
                ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), configured[2..])
                : configured;
            return File.Exists(path)
                ? System.IO.Path.GetFullPath(path)
                : throw Missing($"The Silero VAD model is not at the configured path '{path}'.", path);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var candidate = System.IO.Path.Combine(folder.FullName, DefaultRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw Missing($"The Silero VAD model ({DefaultRelativePath}) was found neither beside the binaries nor above them or the current folder.", null);
    }

    /// <summary>Loads the model at <see cref="Resolve"/>(<paramref name="configured"/>) once per process and file.</summary>
    public static SileroVadModel Shared(string? configured)
    {
        var path = Resolve(configured);
        var lazy = Loaded.GetOrAdd(path, p => new Lazy<SileroVadModel>(() => new SileroVadModel(p), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A file that failed to load is not cached: fixing it and retrying works.
            Loaded.TryRemove(new KeyValuePair<string, Lazy<SileroVadModel>>(path, lazy));
            throw;
        }
    }

    /// <summary>A new session over <paramref name="path"/> (not shared); for tools that inspect the model.</summary>
    public static SileroVadModel Open(string path) => new(path);

    /// <summary>The model's inputs and outputs as ONNX Runtime reports them, e.g. <c>input: Float [-1, -1]</c>.</summary>
    public IReadOnlyList<string> DescribeNodes() =>
    [
        .. Session.InputMetadata.Select(n => $"in  {n.Key}: {n.Value.ElementDataType} [{string.Join(", ", n.Value.Dimensions)}]"),
        .. Session.OutputMetadata.Select(n => $"out {n.Key}: {n.Value.ElementDataType} [{string.Join(", ", n.Value.Dimensions)}]"),
    ];

    public void Dispose() => Session.Dispose();

    private static SileroModelMissingException Missing(string what, string? path) => new(
        what + " Run scripts/silero-model.sh (it takes the model from the npm package @livekit/agents-plugin-silero into "
        + DefaultRelativePath + "), set the Silero model path in the configuration, or choose the energy VAD.", path);

    // The file must be the v5 model: a different export (v4 has h/c states, 8 kHz-only ones lack sr) would run and
    // give nonsense, so its signature is checked once at load.
    private static void Verify(InferenceSession session)
    {
        Expect(session.InputMetadata, InputName, TensorElementType.Float, rank: 2);
        Expect(session.InputMetadata, StateName, TensorElementType.Float, rank: 3);
        Expect(session.InputMetadata, SampleRateName, TensorElementType.Int64, rank: null);
        Expect(session.OutputMetadata, OutputName, TensorElementType.Float, rank: 2);
        Expect(session.OutputMetadata, StateOutputName, TensorElementType.Float, rank: 3);
    }

    private static void Expect(IReadOnlyDictionary<string, NodeMetadata> nodes, string name, TensorElementType type, int? rank)
    {
        if (!nodes.TryGetValue(name, out var node) || node.ElementDataType != type || (rank is { } r && node.Dimensions.Length != r))
        {
            throw new InvalidDataException(
                $"The ONNX model is not Silero VAD v5: expected a {type} node '{name}'{(rank is null ? "" : $" of rank {rank}")}; it has "
                + string.Join(", ", nodes.Select(n => $"{n.Key} {n.Value.ElementDataType} [{string.Join(",", n.Value.Dimensions)}]")) + ".");
        }
    }
}
