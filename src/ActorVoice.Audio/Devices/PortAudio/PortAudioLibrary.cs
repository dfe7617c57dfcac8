using System.Reflection;
using System.Runtime.InteropServices;

namespace ActorVoice.Audio.Devices.PortAudio;

/// <summary>
/// Finds the PortAudio shared library: Debian's <c>libportaudio.so.2</c> (package libportaudio2), Homebrew's
/// <c>libportaudio.2.dylib</c> on macOS, or the file <c>ACTORVOICE_PORTAUDIO_LIBRARY</c> names. Its absence is an
/// <see cref="AudioDeviceException"/> that says what to install, not a <see cref="DllNotFoundException"/> mid-session.
/// </summary>
internal static class PortAudioLibrary
{
    /// <summary>Overrides the library file (a path or a name the loader resolves).</summary>
    public const string OverrideVariable = "ACTORVOICE_PORTAUDIO_LIBRARY";

    private static readonly Lock Gate = new();
    private static bool _resolverSet;
    private static IntPtr _handle;

    /// <summary>Loads the library once (or throws why it cannot) and routes <see cref="PortAudioNative"/> to it.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
            {
                return;
            }

            var tried = new List<string>();
            foreach (var candidate in Candidates())
            {
                tried.Add(candidate);
                if (NativeLibrary.TryLoad(candidate, out var handle))
                {
                    _handle = handle;
                    break;
                }
            }

            if (_handle == IntPtr.Zero)
            {
                throw new AudioDeviceException(
                    $"The PortAudio library was not found (tried {string.Join(", ", tried)}). {InstallHint()}");
            }

            if (!_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(PortAudioLibrary).Assembly, Resolve);
                _resolverSet = true;
            }
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == PortAudioNative.Library ? _handle : IntPtr.Zero;

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } configured)
        {
            // An explicit choice is the only one tried: a test (or an operator) can rely on exactly that file.
            yield return configured;
            yield break;
        }

        if (OperatingSystem.IsMacOS())
        {
            yield return "libportaudio.2.dylib";
            yield return "/opt/homebrew/lib/libportaudio.2.dylib";
            yield return "/usr/local/lib/libportaudio.2.dylib";
            yield return "libportaudio.dylib";
        }
        else if (OperatingSystem.IsWindows())
        {
            yield return "portaudio.dll";
            yield return "libportaudio.dll";
        }
        else
        {
            yield return "libportaudio.so.2";
            yield return "libportaudio.so";
        }
    }

    private static string InstallHint() =>
        OperatingSystem.IsMacOS() ? "Install it: brew install portaudio."
        : OperatingSystem.IsWindows() ? "On Windows ActorVoice uses WinMM; PortAudio is optional."
        : "Install it: apt-get install libportaudio2 (or run scripts/setup.sh).";
}
