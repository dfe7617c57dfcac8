namespace ActorVoice.Speech.LanguageModels;

/// <summary>
/// Generic spoken-question English. Documents are written as statements, but users ask questions, so a model
/// trained on documents alone gives question openings ("how many", "do i need to", "where can i") little weight.
/// This corpus supplies those patterns: fixed generic questions plus templates whose slots are filled with
/// phrases taken from the documents (headings and frequent content words).
/// </summary>
public static class GenericQuestionCorpus
{
    /// <summary>Generic question and request sentences, domain-free.</summary>
    public static IReadOnlyList<string> Sentences { get; } =
    [
        "how many do i get", "how many are there", "how many can i have", "how many of them do i need",
        "how many hours is that", "how many times can i do that", "how many people can use it",
        "how much does it cost", "how much is it", "how much do i have to pay", "how much will i get",
        "how much time do i have", "how much of it is covered", "how much does that come to",
        "how long does it take", "how long is it", "how long do i have", "how long can i keep it",
        "how long will it last", "how long before it starts",
        "how often do i need to do it", "how often should i do this", "how often does that happen",
        "how do i do that", "how do i get it", "how do i set it up", "how do i change it", "how do i turn it on",
        "how do i turn it off", "how do i fix it", "how do i use it", "how do i find it", "how do i know",
        "how do i ask for it", "how do i sign up", "how do i cancel it", "how do i start",
        "how can i do that", "how can i get help", "how can i tell", "how can i contact someone",
        "how does it work", "how does that work", "how does this work for me",
        "what is the", "what is it", "what is that", "what is this for", "what is the difference",
        "what is the best way to do it", "what is the limit", "what is the rule", "what is the policy on this",
        "what are the", "what are the rules", "what are the options", "what are the steps",
        "what are my options", "what are the requirements",
        "what does it mean", "what does that mean", "what does it do", "what does the light mean",
        "what do i need", "what do i need to do", "what do i do now", "what do i have to bring",
        "what should i do", "what should i do next", "what should i do if it breaks", "what should i bring",
        "what happens if i forget", "what happens when it runs out", "what happens after that",
        "what can i do", "what can i do about it", "what can i use it for",
        "what time does it start", "what time is it open", "what kind of help is there",
        "when do i get it", "when does it start", "when does it end", "when does it expire",
        "when can i start", "when should i do that", "when is the deadline", "when will i hear back",
        "where can i find it", "where can i find more information", "where do i send it", "where is it",
        "where do i go", "where do i sign up", "where can i get one",
        "who do i ask", "who do i contact", "who can help me", "who is responsible for that", "who pays for it",
        "why does it do that", "why is it not working", "why did it stop", "why is the light on",
        "which one should i choose", "which one is better", "which form do i need",
        "can i do that", "can i change it", "can i get one", "can i use it at home", "can i bring someone",
        "can i take it with me", "can i ask for more", "can you help me", "can you tell me more",
        "can you explain that", "could you tell me how it works", "could you explain the rules",
        "do i need to", "do i need to tell anyone", "do i need a form", "do i need to pay for it",
        "do i have to", "do i have to do it myself", "do i get paid for it", "do i get one",
        "does it cost anything", "does it come with a", "does it work with my phone", "does the company pay for it",
        "is there a limit", "is there a way to do that", "is there a fee", "is it free", "is it allowed",
        "is it safe", "is that normal", "is there anything i should know",
        "am i allowed to", "am i allowed to do that", "am i able to change it",
        "are there any rules", "are there any costs", "are we allowed to do that",
        "should i call someone", "should i do it now", "will it still work", "will i get it back",
        "tell me about it", "tell me about the rules", "tell me more about that",
        "i want to know how it works", "i would like to know more", "i need help with", "i have a question about",
        "please tell me", "please explain", "thank you", "okay thanks", "yes", "no", "hello", "hi",
        "i don't understand", "what about", "and what about the", "how about",
    ];

    /// <summary>Question templates; "{0}" is a noun phrase from the documents.</summary>
    public static IReadOnlyList<string> NounPhraseTemplates { get; } =
    [
        "what is the {0}", "what are the {0}", "tell me about the {0}", "how does the {0} work",
        "where can i find the {0}", "how do i get the {0}", "how do i change the {0}", "what about the {0}",
        "how many {0} do i get", "how much is the {0}", "who do i contact about the {0}", "can i get the {0}",
        "what should i do about the {0}", "is there a {0}", "when does the {0} start", "how long is the {0}",
        "do i need the {0}", "explain the {0}",
    ];

    /// <summary>Generic sentences plus every template filled with every phrase.</summary>
    public static IEnumerable<string> Generate(IEnumerable<string> domainPhrases)
    {
        ArgumentNullException.ThrowIfNull(domainPhrases);
        foreach (var sentence in Sentences)
        {
            yield return sentence;
        }

        foreach (var phrase in domainPhrases)
        {
            foreach (var template in NounPhraseTemplates)
            {
                yield return string.Format(System.Globalization.CultureInfo.InvariantCulture, template, phrase);
            }
        }
    }
}
