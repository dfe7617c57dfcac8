using System.Runtime.InteropServices;

namespace ActorVoice.Audio.Devices.PortAudio;

/// <summary>
/// PortAudio's ALSA backend probes every PCM in the ALSA configuration, and libasound prints an error line to stderr
/// for each one that does not exist on this machine (surround51, hdmi, ...). Those lines are noise to a user picking a
/// device, so on Linux libasound's error handler is replaced with one that drops them.
/// </summary>
internal static unsafe partial class AlsaMessages
{
    private static int _silenced;

    public static void Silence()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _silenced, 1) != 0)
        {
            return;
        }

        if (!NativeLibrary.TryLoad("libasound.so.2", out var alsa)
            || !NativeLibrary.TryGetExport(alsa, "snd_lib_error_set_handler", out var setHandler))
        {
            return;
        }

        // The handler is variadic in C; one that reads only its fixed arguments (here: none) is safe to call that way.
        var set = (delegate* unmanaged<delegate* unmanaged<IntPtr, int, IntPtr, int, IntPtr, void>, int>)setHandler;
        set(&Ignore);
    }

    [UnmanagedCallersOnly]
    private static void Ignore(IntPtr file, int line, IntPtr function, int error, IntPtr format)
    {
    }
}
