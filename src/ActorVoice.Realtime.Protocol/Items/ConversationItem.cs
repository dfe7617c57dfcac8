namespace ActorVoice.Realtime.Protocol.Items;

/// <summary>A conversation item: a message, a function call or a function call's output.</summary>
public sealed record ConversationItem(string Type)
{
    public const string Message = "message";
    public const string FunctionCall = "function_call";
    public const string FunctionCallOutput = "function_call_output";

    public string? Id { get; init; }

    public string? Object { get; init; }

    public string? Status { get; init; }

    public string? Role { get; init; }

    public IReadOnlyList<ContentPart>? Content { get; init; }

    public string? CallId { get; init; }

    public string? Name { get; init; }

    public string? Arguments { get; init; }

    public string? Output { get; init; }

    /// <summary>A system or user message holding one <c>input_text</c> part.</summary>
    public static ConversationItem TextMessage(string role, string text) =>
        new(Message) { Role = role, Content = [new ContentPart(ContentPart.InputText) { Text = text }] };
}
