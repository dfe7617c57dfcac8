using System.Runtime.InteropServices;

namespace ActorVoice.Audio.Devices.PortAudio;

/// <summary>
/// PortAudio on Linux probes every ALSA PCM in the configuration and the JACK server, and libasound and libjack print
/// a line to stderr for each one that is not there (surround51, hdmi, "jack server is not running", ...). That is
/// noise to a user picking a device, so their message handlers are replaced with ones that drop the lines. Only the
/// libraries PortAudio itself loaded are touched.
/// </summary>
internal static unsafe class NativeMessages
{
    private static int _silenced;

    public static void Silence()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _silenced, 1) != 0)
        {
            return;
        }

        if (TryExport("libasound.so.2", "snd_lib_error_set_handler", out var alsaSetHandler))
        {
            // The handler is variadic in C; one that reads none of its arguments is safe to call that way.
            ((delegate* unmanaged<delegate* unmanaged<IntPtr, int, IntPtr, int, IntPtr, void>, int>)alsaSetHandler)(&IgnoreAlsa);
        }

        if (TryExport("libjack.so.0", "jack_set_error_function", out var jackError))
        {
            ((delegate* unmanaged<delegate* unmanaged<IntPtr, void>, void>)jackError)(&IgnoreJack);
        }

        if (TryExport("libjack.so.0", "jack_set_info_function", out var jackInfo))
        {
            ((delegate* unmanaged<delegate* unmanaged<IntPtr, void>, void>)jackInfo)(&IgnoreJack);
        }
    }

    private static bool TryExport(string library, string name, out IntPtr address)
    {
        address = IntPtr.Zero;
        return NativeLibrary.TryLoad(library, out var handle) && NativeLibrary.TryGetExport(handle, name, out address);
    }

    [UnmanagedCallersOnly]
    private static void IgnoreAlsa(IntPtr file, int line, IntPtr function, int error, IntPtr format)
    {
    }

    [UnmanagedCallersOnly]
    private static void IgnoreJack(IntPtr message)
    {
    }
}
