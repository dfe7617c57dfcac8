using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ActorVoice.Audio.Processing;
using ActorVoice.Speech.Synthesis.Native;

namespace ActorVoice.Speech.Synthesis;

/// <summary>
/// Text-to-speech with libflite in-process. flite keeps global state (voice registry, feature tables) that is not
/// documented as thread-safe, so every native call is serialised on one process-wide lock. Text is synthesised
/// sentence by sentence so that cancellation takes effect between sentences and callers can stream the first
/// sentence while later ones are still being produced (<see cref="SynthesizeSentencesAsync"/>).
/// </summary>
public sealed class FliteSynthesizer : ISpeechSynthesizer
{
    private const string PackageHint = "install the Debian package flite";
    private static readonly Lock NativeLock = new();
    private static readonly ConcurrentDictionary<FliteVoice, IntPtr> Voices = new();
    private static bool _initialised;

    private readonly IntPtr _voice;

    /// <param name="voice">Which flite voice speaks.</param>
    /// <param name="outputSampleRate">Rate of the returned samples (resampled if the voice differs); null keeps the voice's rate.</param>
    public FliteSynthesizer(FliteVoice voice = FliteVoice.Slt, int? outputSampleRate = 16_000)
    {
        if (outputSampleRate is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(outputSampleRate), outputSampleRate, "Sample rate must be positive.");
        }

        Voice = voice;
        OutputSampleRate = outputSampleRate;
        _voice = LoadVoice(voice);
    }

    public FliteVoice Voice { get; }

    public int? OutputSampleRate { get; }

    public async Task<SynthesizedSpeech> SynthesizeAsync(string text, CancellationToken cancellationToken)
    {
        var parts = new List<SynthesizedSpeech>();
        await foreach (var part in SynthesizeSentencesAsync(text, cancellationToken).ConfigureAwait(false))
        {
            parts.Add(part);
        }

        if (parts.Count == 0)
        {
            return new SynthesizedSpeech([], OutputSampleRate ?? 16_000);
        }

        var samples = new short[parts.Sum(p => p.Samples.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.Samples.CopyTo(samples, offset);
            offset += part.Samples.Length;
        }

        return new SynthesizedSpeech(samples, parts[0].SampleRate);
    }

    /// <summary>Yields one <see cref="SynthesizedSpeech"/> per sentence, so playback can start after the first.</summary>
    public async IAsyncEnumerable<SynthesizedSpeech> SynthesizeSentencesAsync(
        string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var speech = await Task.Run(() => SynthesizeSentence(sentence), cancellationToken).ConfigureAwait(false);
            if (speech.Samples.Length > 0)
            {
                yield return speech;
            }
        }
    }

    private SynthesizedSpeech SynthesizeSentence(string sentence)
    {
        short[] samples;
        int rate;
        lock (NativeLock)
        {
            var wave = FliteNative.flite_text_to_wave(sentence, _voice);
            if (wave == IntPtr.Zero)
            {
                throw new InvalidOperationException($"flite could not synthesise: \"{sentence}\".");
            }

            try
            {
                var header = Marshal.PtrToStructure<FliteNative.CstWave>(wave);
                rate = header.SampleRate;
                samples = new short[Math.Max(0, header.SampleCount * Math.Max(1, header.ChannelCount))];
                if (samples.Length > 0)
                {
                    Marshal.Copy(header.Samples, samples, 0, samples.Length);
                }
            }
            finally
            {
                FliteNative.delete_wave(wave);
            }
        }

        if (OutputSampleRate is { } target && target != rate)
        {
            return new SynthesizedSpeech(PcmResampler.Convert(samples, rate, target), target);
        }

        return new SynthesizedSpeech(samples, rate);
    }

    private static IntPtr LoadVoice(FliteVoice voice)
    {
        lock (NativeLock)
        {
            if (Voices.TryGetValue(voice, out var loaded))
            {
                return loaded;
            }

            if (!_initialised)
            {
                if (!NativeLibrary.TryLoad(FliteNative.FliteLibrary, out _))
                {
                    throw new SpeechSetupException($"Native library {FliteNative.FliteLibrary} was not found: {PackageHint}.");
                }

                _ = FliteNative.flite_init();
                _initialised = true;
            }

            var name = "cmu_us_" + voice.ToString().ToLowerInvariant();
            var libraryName = $"libflite_{name}.so.1";
            if (!NativeLibrary.TryLoad(libraryName, out var library))
            {
                throw new SpeechSetupException($"flite voice library {libraryName} was not found: {PackageHint}.");
            }

            var register = NativeLibrary.GetExport(library, "register_" + name);
            IntPtr handle;
            unsafe
            {
                // register_cmu_us_xxx(const char *voxdir); NULL means the built-in voice data.
                handle = ((delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)register)(IntPtr.Zero);
            }

            if (handle == IntPtr.Zero)
            {
                throw new SpeechSetupException($"flite voice {name} failed to register.");
            }

            // Voices stay registered for the process lifetime: flite has no safe way to share-and-free them.
            Voices[voice] = handle;
            return handle;
        }
    }
}
