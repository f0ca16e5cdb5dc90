namespace KmsActors.Server;

/// <summary>
/// One flag of the server's command line, as <c>kmsactors --help</c> shows it and as <see cref="ServerOptions.Parse"/>
/// applies it. <see cref="ServerFlags.All"/> is the one table of them: a new flag is a new row there.
/// </summary>
/// <param name="Name">The flag (<c>--port</c>), or the prefix a family of flags starts with (<c>--kms.</c>).</param>
/// <param name="Value">What follows it: the value's placeholder (<c>N</c>: the next argument), the rest of a prefixed
/// flag (<c>&lt;setting&gt;=&lt;value&gt;</c>: in the same argument), or null for a flag that takes none.</param>
/// <param name="Help">One line for --help.</param>
/// <param name="Apply">The options with this flag applied, given its value (a prefixed flag: the whole argument).</param>
public sealed record ServerFlag(string Name, string? Value, string Help, Func<ServerOptions, string, ServerOptions> Apply)
{
    /// <summary>Another spelling of the flag (<c>-h</c> for <c>--help</c>).</summary>
    public string? Alias { get; init; }

    /// <summary>True for a family of flags (<c>--kms.&lt;setting&gt;=&lt;value&gt;</c>): one argument, matched by its start.</summary>
    public bool IsPrefix => Name.EndsWith('.');

    /// <summary>True when the next argument is the flag's value.</summary>
    public bool TakesValue => Value is not null && !IsPrefix;

    /// <summary>How the flag is written: <c>--port N</c>, <c>--kms.&lt;setting&gt;=&lt;value&gt;</c>, <c>--help, -h</c>.</summary>
    public string Usage => (IsPrefix ? Name + Value : Value is null ? Name : $"{Name} {Value}") + (Alias is null ? "" : $", {Alias}");

    public bool Matches(string argument) =>
        IsPrefix ? argument.StartsWith(Name, StringComparison.Ordinal) && argument.Length > Name.Length : argument == Name || argument == Alias;
}
