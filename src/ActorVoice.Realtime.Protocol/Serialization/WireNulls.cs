using System.Text.Json.Serialization.Metadata;
using ActorVoice.Realtime.Protocol.Events;
using ActorVoice.Realtime.Protocol.Items;

namespace ActorVoice.Realtime.Protocol.Serialization;

/// <summary>
/// The few fields OpenAI's service writes as <c>null</c> rather than leaving out. Events are otherwise serialized
/// without nulls, but strict clients (the OpenAI Agents SDK for JavaScript validates with zod) require these keys:
/// an audio content part always carries <c>transcript</c> (<c>{"type":"input_audio","transcript":null}</c> until the
/// turn is transcribed), and the item events always carry <c>previous_item_id</c> (null for the first item). Client
/// events keep omitting nulls: <c>conversation.item.create</c> without <c>previous_item_id</c> means "append".
/// </summary>
internal static class WireNulls
{
    public static void Apply(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        if (typeof(RealtimeEvent).IsAssignableFrom(info.Type))
        {
            KeepTypeAndEventIdFirst(info);
        }

        if (info.Type == typeof(ContentPart))
        {
            foreach (var property in info.Properties.Where(p => p.Name == "transcript"))
            {
                property.ShouldSerialize = static (part, value) =>
                    value is not null || ((ContentPart)part).Type is ContentPart.InputAudio or ContentPart.OutputAudio;
            }
        }
        else if (info.Type == typeof(ConversationItemAdded) || info.Type == typeof(ConversationItemDone)
            || info.Type == typeof(ConversationItemCreated) || info.Type == typeof(InputAudioBufferCommitted))
        {
            foreach (var property in info.Properties.Where(p => p.Name == "previous_item_id"))
            {
                property.ShouldSerialize = static (_, _) => true;
            }
        }
    }

    /// <summary>
    /// With a modifier the generated fast path is bypassed, and the metadata path does not see the
    /// <see cref="System.Text.Json.Serialization.JsonPropertyOrderAttribute"/> of the overridden <c>type</c>: give
    /// <c>type</c> and <c>event_id</c> their order again, so that they come first, as the service sends them.
    /// </summary>
    private static void KeepTypeAndEventIdFirst(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            property.Order = property.Name switch
            {
                "type" => -2,
                "event_id" => -1,
                _ => property.Order,
            };
        }
    }
}
