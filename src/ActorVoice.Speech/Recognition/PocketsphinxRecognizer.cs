using System.Globalization;
using System.Runtime.InteropServices;
using ActorVoice.Audio.Files;
using ActorVoice.Speech.Recognition.Native;
using ActorVoice.Text.Pronunciation;

namespace ActorVoice.Speech.Recognition;

/// <summary>
/// Streaming recognizer on top of the native pocketsphinx decoder. Creating one loads the acoustic model,
/// dictionary and language model (about 0.6 s with the generic en-us models), so callers should pool instances
/// (see <see cref="PocketsphinxRecognizerPool"/>). Not thread-safe: one utterance at a time.
/// </summary>
/// <remarks>
/// Pocketsphinx normalises the cepstral mean live: a new decoder starts from the model's <c>-cmninit</c> (measured on
/// the model's training audio, far from a typical microphone's or synthesizer's level: c0 41 against about 57 after
/// a few of the sample questions) and only replaces it at the end of its first utterance, so the start of a new
/// decoder's first utterance is often misheard ("cabbage is" for "how big is"). Three remedies, all applied when the
/// decoder is created unless said otherwise: <see cref="PocketsphinxOptions.CmnInit"/> (on by default) sets the
/// starting mean to that of typical speech; <see cref="PocketsphinxOptions.WarmUpAudio"/> decodes recordings so the
/// mean adapts to them; and until the decoder has heard <see cref="PocketsphinxOptions.AdaptationAudio"/> (off by
/// default, as it costs each of those turns a second decode), each utterance's audio is kept and, at its end, decoded
/// once more with the mean it has adapted to; that second pass is the final hypothesis and partials come from the
/// first.
/// </remarks>
public sealed class PocketsphinxRecognizer : IStreamingRecognizer
{
    private const string PackageHint = "install Debian packages pocketsphinx and pocketsphinx-en-us";
    private const string CustomSearchName = "actorvoice";

    private readonly ConfigSafeHandle _config;
    private readonly DecoderSafeHandle _decoder;
    private readonly long _adaptationSamples;
    private bool _inUtterance;
    private string _lastPartial = "";
    private long _samplesHeard;
    private List<short>? _utteranceAudio;

    public PocketsphinxRecognizer(PocketsphinxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _adaptationSamples = (long)(options.AdaptationAudio.TotalSeconds * SampleRate);
        EnsureNativeLibrariesPresent();
        ValidateModelFiles(options);

        // With a second model or extra words the search is built after ps_init; loading -lm as well would
        // cost a second LM load for nothing.
        var buildsOwnSearch = options.SecondLanguageModelPath is not null || options.ExtraDictionaryPath is not null;
        var argv = BuildArguments(options, includeLanguageModel: !buildsOwnSearch);
        _config = ParseConfig(argv);
        var decoder = SphinxNative.ps_init(_config);
        if (decoder == IntPtr.Zero)
        {
            _config.Dispose();
            throw new SpeechSetupException(
                $"pocketsphinx could not load its models (hmm '{options.HmmPath}', dict '{options.DictionaryPath}', " +
                $"lm '{options.LanguageModelPath}'); see the decoder log ({options.LogFile}) for the reason.");
        }

        _decoder = new DecoderSafeHandle(decoder);
        try
        {
            if (buildsOwnSearch)
            {
                AddExtraWords(options);
                InstallLanguageModel(options);
            }

            if (options.CmnInit is not null)
            {
                SetCepstralMean(ParseCepstralMean(options.CmnInit, nameof(options.CmnInit)));
            }

            WarmUp(options.WarmUpAudio);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public PocketsphinxOptions Options { get; }

    public int SampleRate => 16_000;

    /// <summary>True between <see cref="StartUtterance"/> and <see cref="EndUtterance"/>.</summary>
    public bool IsInUtterance => _inUtterance;

    /// <summary>Number of words added from <see cref="PocketsphinxOptions.ExtraDictionaryPath"/>.</summary>
    public int ExtraWordsAdded { get; private set; }

    public void StartUtterance()
    {
        ObjectDisposedException.ThrowIf(_decoder.IsClosed, this);
        if (_inUtterance)
        {
            throw new InvalidOperationException("An utterance is already in progress; call EndUtterance first.");
        }

        Check(SphinxNative.ps_start_utt(_decoder), "ps_start_utt");
        _inUtterance = true;
        _lastPartial = "";
        _utteranceAudio = _samplesHeard < _adaptationSamples ? [] : null;
    }

    /// <summary>True while the decoder has heard less than <see cref="PocketsphinxOptions.AdaptationAudio"/>: its next final hypothesis comes from a second pass.</summary>
    public bool IsAdapting => _samplesHeard < _adaptationSamples;

    public string Process(ReadOnlySpan<short> samples)
    {
        ObjectDisposedException.ThrowIf(_decoder.IsClosed, this);
        if (!_inUtterance)
        {
            throw new InvalidOperationException("Call StartUtterance before Process.");
        }

        if (samples.IsEmpty)
        {
            return _lastPartial;
        }

        ProcessRaw(samples);
        _utteranceAudio?.AddRange(samples);
        _lastPartial = ReadHypothesis();
        return _lastPartial;
    }

    public string EndUtterance()
    {
        ObjectDisposedException.ThrowIf(_decoder.IsClosed, this);
        if (!_inUtterance)
        {
            throw new InvalidOperationException("No utterance in progress; call StartUtterance first.");
        }

        _inUtterance = false;
        Check(SphinxNative.ps_end_utt(_decoder), "ps_end_utt");
        var audio = _utteranceAudio;
        _utteranceAudio = null;
        if (audio is null || audio.Count == 0)
        {
            return ReadHypothesis();
        }

        // Decode the utterance again, now that the cepstral mean has adapted to it (see the remarks above).
        _samplesHeard += audio.Count;
        Check(SphinxNative.ps_start_utt(_decoder), "ps_start_utt");
        try
        {
            ProcessRaw(CollectionsMarshal.AsSpan(audio));
        }
        finally
        {
            Check(SphinxNative.ps_end_utt(_decoder), "ps_end_utt");
        }

        return ReadHypothesis();
    }

    /// <summary>Time spent decoding <see cref="PocketsphinxOptions.WarmUpAudio"/> when this decoder was created.</summary>
    public TimeSpan WarmUpTime { get; private set; }

    private void WarmUp(IReadOnlyList<string> clips)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var clip in clips)
        {
            // Only the cepstral mean (updated by ps_end_utt) carries over: ps_start_utt resets the search, its
            // hypothesis and the front end for the next utterance. The clip counts towards AdaptationAudio.
            var audio = WavFile.LoadMono16(clip, SampleRate);
            Check(SphinxNative.ps_start_utt(_decoder), "ps_start_utt");
            try
            {
                ProcessRaw(audio);
            }
            finally
            {
                Check(SphinxNative.ps_end_utt(_decoder), "ps_end_utt");
            }

            _samplesHeard += audio.Length;
        }

        WarmUpTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    private const int CepstrumLength = 13;

    // Weight of the initial mean once the first real utterance is averaged in: one second of frames, so the mean
    // still follows the user's channel after their first turn (a cold decoder's mean is that turn's alone).
    private const int InjectedFrames = 100;

    /// <summary>
    /// Sets the live cepstral mean to <paramref name="target"/>. This version of pocketsphinx lets the model's
    /// <c>feat.params</c> override a <c>-cmninit</c> flag and exports no setter for the mean, but its live CMN
    /// (sphinxbase cmn_live.c) replaces the mean at each utterance's end by the average of the frames it has seen,
    /// without counting the initial one. So one utterance of <see cref="InjectedFrames"/> cepstral frames equal to
    /// <paramref name="target"/> leaves exactly that mean. No audio is processed, only one second of frames searched.
    /// </summary>
    private unsafe void SetCepstralMean(float[] target)
    {
        // One buffer per frame: the decoder normalises frames in place.
        var frames = new float[InjectedFrames * CepstrumLength];
        for (var f = 0; f < InjectedFrames; f++)
        {
            target.CopyTo(frames, f * CepstrumLength);
        }

        fixed (float* data = frames)
        {
            var pointers = stackalloc float*[InjectedFrames];
            for (var f = 0; f < InjectedFrames; f++)
            {
                pointers[f] = data + (f * CepstrumLength);
            }

            Check(SphinxNative.ps_start_utt(_decoder), "ps_start_utt");
            try
            {
                Check(SphinxNative.ps_process_cep(_decoder, pointers, InjectedFrames, 0, 0), "ps_process_cep");
            }
            finally
            {
                Check(SphinxNative.ps_end_utt(_decoder), "ps_end_utt");
            }
        }
    }

    /// <summary>A <c>-cmninit</c> value: up to 13 comma-separated numbers, the rest zero.</summary>
    private static float[] ParseCepstralMean(string value, string source)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var mean = new float[CepstrumLength];
        if (parts.Length is 0 or > CepstrumLength)
        {
            throw new ArgumentException($"{source}: expected 1 to {CepstrumLength} comma-separated numbers, got '{value}'.", nameof(value));
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out mean[i]))
            {
                throw new ArgumentException($"{source}: '{parts[i]}' is not a number (in '{value}').", nameof(value));
            }
        }

        return mean;
    }

    private unsafe void ProcessRaw(ReadOnlySpan<short> samples)
    {
        fixed (short* data = samples)
        {
            Check(SphinxNative.ps_process_raw(_decoder, data, (nuint)samples.Length, 0, 0), "ps_process_raw");
        }
    }

    /// <summary>Convenience: decodes a whole clip in one utterance, feeding it in 20 ms chunks.</summary>
    public string Recognize(ReadOnlySpan<short> samples)
    {
        StartUtterance();
        const int chunk = 320;
        for (var offset = 0; offset < samples.Length; offset += chunk)
        {
            Process(samples.Slice(offset, Math.Min(chunk, samples.Length - offset)));
        }

        return EndUtterance();
    }

    public void Dispose()
    {
        // The decoder holds its own reference to the config, so the order only matters for tidiness.
        _decoder?.Dispose();
        _config?.Dispose();
    }

    /// <summary>Throws <see cref="SpeechSetupException"/> when libpocketsphinx or libsphinxbase cannot be loaded.</summary>
    public static void EnsureNativeLibrariesPresent()
    {
        foreach (var library in new[] { SphinxNative.SphinxbaseLibrary, SphinxNative.PocketsphinxLibrary })
        {
            if (!NativeLibrary.TryLoad(library, out _))
            {
                throw new SpeechSetupException($"Native library {library} was not found: {PackageHint}.");
            }
        }
    }

    private static void ValidateModelFiles(PocketsphinxOptions options)
    {
        if (!Directory.Exists(options.HmmPath) || !File.Exists(Path.Combine(options.HmmPath, "mdef")))
        {
            throw new SpeechSetupException($"Acoustic model folder not found or incomplete (no mdef): {options.HmmPath}; {PackageHint}.");
        }

        RequireFile(options.DictionaryPath, "Pronunciation dictionary");
        RequireFile(options.LanguageModelPath, "Language model");
        foreach (var clip in options.WarmUpAudio)
        {
            RequireFile(clip, "Warm-up audio");
        }

        if (options.CmnInit is not null)
        {
            _ = ParseCepstralMean(options.CmnInit, nameof(options.CmnInit));
        }

        if (options.ExtraDictionaryPath is not null)
        {
            RequireFile(options.ExtraDictionaryPath, "Extra pronunciation dictionary");
        }

        if (options.SecondLanguageModelPath is not null)
        {
            RequireFile(options.SecondLanguageModelPath, "Second language model");
            if (options.SecondLanguageModelWeight is <= 0 or >= 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(options), options.SecondLanguageModelWeight, "SecondLanguageModelWeight must be between 0 and 1 (exclusive).");
            }
        }

        if ((options.ExtraArguments.Count % 2) != 0)
        {
            throw new ArgumentException("ExtraArguments must be flag/value pairs, e.g. [\"-lw\", \"8\"].", nameof(options));
        }
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new SpeechSetupException($"{what} file not found: {path}" +
                (path.StartsWith(PocketsphinxOptions.DefaultModelFolder, StringComparison.Ordinal) ? $"; {PackageHint}." : "."));
        }
    }

    private static List<string> BuildArguments(PocketsphinxOptions options, bool includeLanguageModel)
    {
        var argv = new List<string>
        {
            "-hmm", options.HmmPath,
            "-dict", options.DictionaryPath,
            "-logfn", options.LogFile,
        };
        if (includeLanguageModel)
        {
            argv.Add("-lm");
            argv.Add(options.LanguageModelPath);
        }

        argv.AddRange(options.ExtraArguments);
        return argv;
    }

    private static ConfigSafeHandle ParseConfig(List<string> argv)
    {
        // cmd_ln_parse_r treats argv like main's: argv[0] is the program name.
        var native = new IntPtr[argv.Count + 1];
        try
        {
            native[0] = Marshal.StringToCoTaskMemUTF8("actorvoice");
            for (var i = 0; i < argv.Count; i++)
            {
                native[i + 1] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            }

            var config = SphinxNative.cmd_ln_parse_r(IntPtr.Zero, SphinxNative.ps_args(), native.Length, native, 1);
            if (config == IntPtr.Zero)
            {
                throw new SpeechSetupException(
                    $"pocketsphinx rejected its arguments: {string.Join(' ', argv)} (check ExtraArguments for unknown flags or bad values).");
            }

            return new ConfigSafeHandle(config);
        }
        finally
        {
            foreach (var p in native)
            {
                Marshal.FreeCoTaskMem(p);
            }
        }
    }

    private void AddExtraWords(PocketsphinxOptions options)
    {
        if (options.ExtraDictionaryPath is null)
        {
            return;
        }

        foreach (var (word, phones) in CmuDictionary.ReadEntries(options.ExtraDictionaryPath))
        {
            // Returns < 0 for words already in the main dictionary; the main pronunciation wins.
            // update=0: the search is built afterwards, so no per-word search rebuild is needed.
            if (SphinxNative.ps_add_word(_decoder, word, phones, 0) >= 0)
            {
                ExtraWordsAdded++;
            }
        }
    }

    private void InstallLanguageModel(PocketsphinxOptions options)
    {
        var config = SphinxNative.ps_get_config(_decoder);
        var logMath = SphinxNative.ps_get_logmath(_decoder);
        var main = ReadLanguageModel(config, options.LanguageModelPath, logMath);
        IntPtr model;
        if (options.SecondLanguageModelPath is null)
        {
            model = main;
        }
        else
        {
            IntPtr second;
            try
            {
                second = ReadLanguageModel(config, options.SecondLanguageModelPath, logMath);
            }
            catch
            {
                _ = SphinxNative.ngram_model_free(main);
                throw;
            }

            var names = new[] { Marshal.StringToCoTaskMemUTF8("main"), Marshal.StringToCoTaskMemUTF8("second") };
            try
            {
                var weight = (float)options.SecondLanguageModelWeight;
                // The set takes ownership of both models and interpolates them (weights are linear probabilities).
                model = SphinxNative.ngram_model_set_init(config, [main, second], names, [1f - weight, weight], 2);
            }
            finally
            {
                foreach (var name in names)
                {
                    Marshal.FreeCoTaskMem(name);
                }
            }

            if (model == IntPtr.Zero)
            {
                _ = SphinxNative.ngram_model_free(main);
                _ = SphinxNative.ngram_model_free(second);
                throw new SpeechSetupException(
                    $"sphinxbase could not interpolate {options.LanguageModelPath} with {options.SecondLanguageModelPath}.");
            }
        }

        try
        {
            // ps_set_lm keeps its own reference; ours is released in finally.
            Check(SphinxNative.ps_set_lm(_decoder, CustomSearchName, model), "ps_set_lm");
            Check(SphinxNative.ps_set_search(_decoder, CustomSearchName), "ps_set_search");
        }
        finally
        {
            _ = SphinxNative.ngram_model_free(model);
        }
    }

    private static IntPtr ReadLanguageModel(IntPtr config, string path, IntPtr logMath)
    {
        var model = SphinxNative.ngram_model_read(config, path, SphinxNative.NgramAuto, logMath);
        if (model == IntPtr.Zero)
        {
            throw new SpeechSetupException($"Language model is not a valid ARPA or sphinx binary file: {path}.");
        }

        return model;
    }

    private string ReadHypothesis()
    {
        var hyp = SphinxNative.ps_get_hyp(_decoder, out _);
        return hyp == IntPtr.Zero ? "" : (Marshal.PtrToStringUTF8(hyp) ?? "");
    }

    private static void Check(int result, string function)
    {
        if (result < 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"pocketsphinx {function} failed with code {result}."));
        }
    }
}
