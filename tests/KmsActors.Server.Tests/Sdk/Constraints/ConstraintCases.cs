using System.Collections.Frozen;
using KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Sdk.Constraints;

/// <summary>
/// The constraint cases of every operation, made from <see cref="KmsCatalogue"/> at run time: for every member (nested
/// ones too: structure members, list entries — the second entry, so the 1-based index shows) and every constraint the
/// model puts on it, one case. Each request starts from a base that fills every required member with a well-formed
/// value, so the member under test is the only one that can violate anything.
/// </summary>
public static class ConstraintCases
{
    private const string UsEast1 = "us-east-1";
    private const string China = "cn-north-1";

    /// <summary>
    /// Limits the API reference states and AWS enforces beyond the model's (whose shapes are shared between operations):
    /// the service checks them after the model's, with the same wording. PendingWindowInDaysType allows 1–365 but KMS
    /// enforces 7–30; the list operations' narrower Limit comes from the catalogue (MemberSpec.PageMax, docs/validation.md).
    /// </summary>
    private static readonly Dictionary<(string Operation, string Member), (long Min, long Max)> ApiReferenceLimits = new()
    {
        [("ScheduleKeyDeletion", "PendingWindowInDays")] = (7, 30),
    };

    /// <summary>Stands for "leave the member out of the request".</summary>
    private static readonly object Absent = new();

    /// <summary>Every case by name (after the tables above: static fields initialize in order).</summary>
    public static readonly FrozenDictionary<string, ConstraintCase> All =
        KmsCatalogue.Operations.Values.OrderBy(operation => operation.Name, StringComparer.Ordinal)
            .SelectMany(operation => operation.Members.SelectMany(member => ForMember(operation, member, Root(operation, member))))
            .ToFrozenDictionary(@case => @case.Name, StringComparer.Ordinal);

    /// <summary>Where a member sits: its path in AWS's messages, and the whole request with a value (or <see cref="Absent"/>) put there.</summary>
    private sealed record Slot(string Path, Func<object?, Dictionary<string, object?>> Request);

    private static Slot Root(OperationSpec operation, MemberSpec member) =>
        new(member.WireName, value => With(ConstraintValues.Required(operation.Members), member.Name, value));

    private static Dictionary<string, object?> With(Dictionary<string, object?> structure, string name, object? value)
    {
        if (ReferenceEquals(value, Absent))
            structure.Remove(name);
        else
            structure[name] = value;
        return structure;
    }

    private static IEnumerable<ConstraintCase> ForMember(OperationSpec operation, MemberSpec member, Slot slot)
    {
        ConstraintCase Case(string constraint, params ConstraintProbe[] probes) =>
            new($"{operation.Name}.{slot.Path}.{constraint}", operation, slot.Path, probes);
        // A list operation's Limit: the catalogue carries the page size its API reference allows (PageMax).
        MemberSpec? narrowed = ApiReferenceLimits.TryGetValue((operation.Name, member.Name), out var limits) ? member with { Min = limits.Min, Max = limits.Max }
            : member.PageMax is { } pageMax && pageMax < member.Max ? member with { Max = pageMax }
            : null;
        ConstraintProbe Probe(string label, object? value, string region = UsEast1)
        {
            var given = ReferenceEquals(value, Absent) ? null : value;
            var expected = member.Kind == MemberKind.Enum && value is string name
                ? ConstraintOracle.EnumViolation(member, slot.Path, name, region)
                : ConstraintOracle.Violations(member, slot.Path, given);
            // The API reference's narrower limits are checked once the model's hold.
            if (expected.Count == 0 && narrowed is not null)
                expected = ConstraintOracle.Violations(narrowed, slot.Path, given);
            return new(label, slot.Request(value), region, expected);
        }

        if (member.Required)
            yield return Case("required", Probe("absent", Absent), Probe("present", ConstraintValues.Valid(member)));

        if (member.Kind is MemberKind.String or MemberKind.Blob or MemberKind.List && (member.Min is not null || member.Max is not null))
        {
            object Sized(long length) => member.Kind switch
            {
                MemberKind.String => ConstraintValues.OfLength(member, length),
                MemberKind.Blob => Enumerable.Repeat((byte)0x2A, (int)length).ToArray(),
                _ => Enumerable.Repeat(ConstraintValues.Valid(member.Element!), (int)length).ToList(),
            };
            foreach (var @case in Limits(member, "length", Sized, Case, Probe))
                yield return @case;
        }
        if (member.Kind == MemberKind.Number)
        {
            foreach (var @case in Limits(member, "value", value => value, Case, Probe))
                yield return @case;
            if (narrowed is not null)
            {
                foreach (var @case in Limits(narrowed, "value", value => value, (name, probes) => Case("api_reference_" + name, probes), Probe))
                    yield return @case;
            }
        }
        if (member.Pattern is not null)
            yield return Case("pattern", Probe("breaks the pattern", ConstraintValues.BreakingPattern(member)), Probe("keeps the pattern", ConstraintValues.Valid(member)));

        if (member.Kind == MemberKind.Enum)
        {
            var valid = ConstraintValues.Valid(member);
            yield return Case("enum_value_set", Probe("not a value of the enum", "NOT_A_MODEL_VALUE"), Probe($"{valid}", valid));
            if (ConstraintValues.EnumValues(member).FirstOrDefault(ConstraintValues.ChinaOnlyEnumValues.Contains) is { } sm2)
            {
                yield return Case("enum_sm2_only_in_china",
                    Probe($"{sm2} in {UsEast1}", sm2), Probe($"{sm2} in {China}", sm2, China), Probe($"not a value of the enum in {China}", "NOT_A_MODEL_VALUE", China));
            }
        }

        if (member.Kind == MemberKind.Structure)
        {
            foreach (var child in member.Members)
            {
                var childSlot = new Slot($"{slot.Path}.{child.WireName}",
                    value => slot.Request(With(ConstraintValues.Structure(member), child.Name, value)));
                foreach (var @case in ForMember(operation, child, childSlot))
                    yield return @case;
            }
        }
        if (member.Kind == MemberKind.List && member.Element is { } element)
        {
            var entrySlot = new Slot($"{slot.Path}.2.member", value => slot.Request(new List<object?> { ConstraintValues.Valid(element), value }));
            if (element.Kind == MemberKind.Structure)
            {
                foreach (var child in element.Members)
                {
                    var childSlot = new Slot($"{entrySlot.Path}.{child.WireName}",
                        value => entrySlot.Request(With(ConstraintValues.Structure(element), child.Name, value)));
                    foreach (var @case in ForMember(operation, child, childSlot))
                        yield return @case;
                }
            }
            else
            {
                foreach (var @case in ForMember(operation, element, entrySlot))
                    yield return @case;
            }
        }
    }

    /// <summary>min: just under (the violation), at, just inside; max: just inside, at, just over (the violation).
    /// A probe that would cross the other limit, or a length below 0, cannot be sent: the case's name says so.</summary>
    private static IEnumerable<ConstraintCase> Limits(MemberSpec member, string what, Func<long, object> value,
        Func<string, ConstraintProbe[], ConstraintCase> @case, Func<string, object?, string, ConstraintProbe> probe)
    {
        var max = member.Max ?? long.MaxValue;
        if (member.Min is { } min)
        {
            var probes = new List<ConstraintProbe>();
            var name = $"min_{what}_{min}";
            if (min > 0 || member.Kind == MemberKind.Number)
                probes.Add(probe($"just under min ({min - 1})", value(min - 1), UsEast1));
            else
                name += "_nothing_is_shorter_than_0";
            probes.Add(probe($"at min ({min})", value(min), UsEast1));
            if (min + 1 <= max)
                probes.Add(probe($"just inside min ({min + 1})", value(min + 1), UsEast1));
            else
                name += "_no_value_inside_as_min_equals_max";
            yield return @case(name + Pattern(member, probes), [.. probes]);
        }
        if (member.Max is { } top)
        {
            var probes = new List<ConstraintProbe>();
            var name = $"max_{what}_{top}";
            if (top - 1 >= (member.Min ?? long.MinValue))
                probes.Add(probe($"just inside max ({top - 1})", value(top - 1), UsEast1));
            else
                name += "_no_value_inside_as_min_equals_max";
            probes.Add(probe($"at max ({top})", value(top), UsEast1));
            probes.Add(probe($"just over max ({top + 1})", value(top + 1), UsEast1));
            yield return @case(name + Pattern(member, probes), [.. probes]);
        }
    }

    /// <summary>Where no value of a probe's length keeps the member's pattern, AWS reports the pattern too: the name says so.</summary>
    private static string Pattern(MemberSpec member, List<ConstraintProbe> probes) =>
        member.Kind == MemberKind.String && probes.Any(p => p.Expected.Any(v => v.Contains("regular expression pattern", StringComparison.Ordinal)))
            ? "_where_no_value_of_some_lengths_keeps_the_pattern"
            : "";
}
