using ActorVoice.Audio.Devices;

namespace ActorVoice.Tests.Talk;

public sealed class AudioDeviceSelectorSpec
{
    private static readonly AudioDevice[] Devices =
    [
        new(0, "HDA Intel PCH: ALC257 Analog (hw:0,0)", "ALSA", 2, 2, 48000),
        new(1, "actorvoice_mic", "ALSA", 32, 32, 44100),
        new(2, "actorvoice_speaker", "ALSA", 32, 32, 44100),
        new(3, "HDMI 0", "ALSA", 0, 8, 48000),
        new(4, "default", "ALSA", 32, 32, 44100, IsDefaultInput: true, IsDefaultOutput: true),
    ];

    [Fact]
    public void Selector_should_take_the_default_device_when_none_is_named()
    {
        Assert.Equal("default", AudioDeviceSelector.Select(Devices, AudioDirection.Input, null).Name);
        Assert.Equal("default", AudioDeviceSelector.Select(Devices, AudioDirection.Output, " ").Name);
    }

    [Fact]
    public void Selector_should_take_a_device_by_index_exact_name_or_unique_part_of_a_name()
    {
        Assert.Equal(2, AudioDeviceSelector.Select(Devices, AudioDirection.Output, "2").Index);
        Assert.Equal(1, AudioDeviceSelector.Select(Devices, AudioDirection.Input, "ACTORVOICE_MIC").Index);
        Assert.Equal(0, AudioDeviceSelector.Select(Devices, AudioDirection.Input, "alc257").Index);
    }

    [Fact]
    public void Selector_should_refuse_an_unknown_device_and_list_what_exists()
    {
        var byName = Assert.Throws<AudioDeviceException>(() => AudioDeviceSelector.Select(Devices, AudioDirection.Input, "usb headset"));
        var byIndex = Assert.Throws<AudioDeviceException>(() => AudioDeviceSelector.Select(Devices, AudioDirection.Output, "9"));

        Assert.Contains("No audio input device is named \"usb headset\"", byName.Message);
        Assert.Contains("No audio device has index 9", byIndex.Message);
        Assert.All(Devices, d => Assert.Contains(d.Name, byName.Message));
    }

    [Fact]
    public void Selector_should_refuse_an_output_only_device_as_microphone()
    {
        var error = Assert.Throws<AudioDeviceException>(() => AudioDeviceSelector.Select(Devices, AudioDirection.Input, "3"));

        Assert.Contains("has no input channels", error.Message);
    }

    [Fact]
    public void Selector_should_ask_for_more_when_a_name_matches_several_devices()
    {
        var error = Assert.Throws<AudioDeviceException>(() => AudioDeviceSelector.Select(Devices, AudioDirection.Output, "actorvoice"));

        Assert.Contains("matches several output devices", error.Message);
    }

    [Fact]
    public void Selector_should_say_no_device_exists_when_the_list_has_none_of_the_kind()
    {
        var error = Assert.Throws<AudioDeviceException>(() => AudioDeviceSelector.Select([Devices[3]], AudioDirection.Input, null));
        var none = Assert.Throws<AudioDeviceException>(() => AudioDeviceSelector.Select([], AudioDirection.Output, null));

        Assert.Contains("No audio input device exists", error.Message);
        Assert.Contains("HDMI 0", error.Message);
        Assert.Contains("No audio devices were found at all", none.Message);
    }
}
