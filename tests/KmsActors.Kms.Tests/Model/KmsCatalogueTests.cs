using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Model;

/// <summary>The catalogue lists every operation of the AWS model with every input member and its constraints: checked
/// against botocore's model (python3 with botocore, which the project's machine image ships) and against the generated
/// request records.</summary>
public sealed class KmsCatalogueTests
{
    // Dumps each operation's input members as the catalogue records them (docs/validation.md).
    private const string Dump = """
        import json, botocore.loaders as l
        m = l.Loader().load_service_model("kms", "service-2")
        S = m["shapes"]
        def member(name, ref, required):
            s = S[ref["shape"]]
            t = s["type"]
            kind = {"string": "Enum" if "enum" in s else "String", "blob": "Blob", "integer": "Number", "long": "Number",
                    "boolean": "Boolean", "timestamp": "Timestamp", "map": "Map", "list": "List", "structure": "Structure"}[t]
            return {"Name": name, "Shape": ref["shape"], "Kind": kind, "Required": required, "Min": s.get("min"), "Max": s.get("max"),
                    "Pattern": s.get("pattern"), "Enum": s.get("enum"), "Sensitive": bool(s.get("sensitive")),
                    "Element": member("member", s["member"], False) if t == "list" else None,
                    "Members": [member(n, r, n in s.get("required", [])) for n, r in s["members"].items()] if t == "structure" else []}
        print(json.dumps({name: [member(n, r, n in S[op["input"]["shape"]].get("required", [])) for n, r in S[op["input"]["shape"]]["members"].items()]
                          if "input" in op else [] for name, op in m["operations"].items()}))
        """;

    [Fact]
    public void the_catalogue_has_every_operation_and_member_of_botocores_model_with_their_constraints()
    {
        using var model = JsonDocument.Parse(Python(Dump));
        var differences = new List<string>();

        var operations = model.RootElement.EnumerateObject().ToList();
        Assert.Equal(operations.Select(o => o.Name).Order(StringComparer.Ordinal), KmsCatalogue.Operations.Keys.Order(StringComparer.Ordinal));
        foreach (var operation in operations)
            Compare(operation.Name, operation.Value, KmsCatalogue.Operations[operation.Name].Members, differences);

        Assert.Empty(differences);
    }

    [Fact]
    public void each_operations_members_are_its_request_records_properties_in_model_order()
    {
        var differences = new List<string>();
        foreach (var operation in KmsCatalogue.Operations.Values)
        {
            if (operation.Input is null)
            {
                differences.Add($"{operation.Name}: no request record");
                continue;
            }
            CompareRecord(operation.Name, operation.Input, operation.Members, differences);
        }

        Assert.Empty(differences);
    }

    [Fact]
    public void every_request_record_is_the_input_of_an_operation()
    {
        var inputs = KmsCatalogue.Operations.Values.Select(operation => operation.Input).ToHashSet();
        var records = typeof(KmsCatalogue).Assembly.GetTypes()
            .Where(type => type.Namespace == typeof(KmsCatalogue).Namespace && type.Name.EndsWith("Request", StringComparison.Ordinal)
                && type.GetCustomAttributes(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false).Length == 0
                && File.Exists(Path.Combine(GeneratedFolder(), type.Name + ".cs")));

        Assert.Empty(records.Where(record => !inputs.Contains(record)).Select(record => record.Name));
    }

    private static void Compare(string at, JsonElement expected, IReadOnlyList<MemberSpec> actual, List<string> differences)
    {
        var names = expected.EnumerateArray().Select(m => m.GetProperty("Name").GetString()!).ToList();
        if (!names.SequenceEqual(actual.Select(m => m.Name)))
        {
            differences.Add($"{at}: model members [{string.Join(", ", names)}], catalogue [{string.Join(", ", actual.Select(m => m.Name))}]");
            return;
        }
        foreach (var (model, member) in expected.EnumerateArray().Zip(actual))
        {
            var path = $"{at}.{member.Name}";
            void Same(string what, object? want, object? have)
            {
                if (!Equals(want, have))
                    differences.Add($"{path} {what}: model {want ?? "none"}, catalogue {have ?? "none"}");
            }
            Same("shape", model.GetProperty("Shape").GetString(), member.Shape);
            Same("kind", model.GetProperty("Kind").GetString(), member.Kind.ToString());
            Same("wire name", char.ToLowerInvariant(member.Name[0]) + member.Name[1..], member.WireName);
            Same("required", model.GetProperty("Required").GetBoolean(), member.Required);
            Same("min", Long(model.GetProperty("Min")), member.Min);
            Same("max", Long(model.GetProperty("Max")), member.Max);
            Same("pattern", model.GetProperty("Pattern").ValueKind == JsonValueKind.Null ? null : model.GetProperty("Pattern").GetString(), member.Pattern);
            Same("sensitive", model.GetProperty("Sensitive").GetBoolean(), member.Sensitive);
            if (model.GetProperty("Enum") is { ValueKind: JsonValueKind.Array } values)
                Same("enum values", string.Join(", ", values.EnumerateArray().Select(v => v.GetString())), member.EnumType is null ? null : string.Join(", ", Enum.GetNames(member.EnumType)));
            if (model.GetProperty("Element") is { ValueKind: JsonValueKind.Object } element)
                Compare(path + "[]", JsonDocument.Parse($"[{element.GetRawText()}]").RootElement, member.Element is null ? [] : [member.Element], differences);
            Compare(path, model.GetProperty("Members"), member.Members, differences);
        }
    }

    private static void CompareRecord(string at, Type record, IReadOnlyList<MemberSpec> members, List<string> differences)
    {
        var properties = record.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract").ToList();
        if (!properties.Select(p => p.Name).SequenceEqual(members.Select(m => m.Name)))
        {
            differences.Add($"{at}: record {record.Name} has [{string.Join(", ", properties.Select(p => p.Name))}], catalogue [{string.Join(", ", members.Select(m => m.Name))}]");
            return;
        }
        foreach (var (property, member) in properties.Zip(members))
        {
            var type = property.PropertyType;
            if (member.Kind == MemberKind.Structure)
                CompareRecord($"{at}.{member.Name}", type, member.Members, differences);
            if (member is { Kind: MemberKind.List, Element.Kind: MemberKind.Structure })
                CompareRecord($"{at}.{member.Name}[]", type.GetGenericArguments()[0], member.Element.Members, differences);
            if (member.Kind == MemberKind.Enum && Nullable.GetUnderlyingType(type) != member.EnumType)
                differences.Add($"{at}.{member.Name}: record type {type.Name}, catalogue enum {member.EnumType?.Name}");
        }
    }

    private static long? Long(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    private static string GeneratedFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KmsActors.sln")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("No KmsActors.sln above the test run."), "src", "KmsActors.Kms", "Model", "Generated");
    }

    private static string Python(string script)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start: the comparison needs python3 with botocore.");
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"python3 with botocore is needed to read the AWS model: {errors.Result}");
        return output.Result;
    }
}
