using System.Collections;
using System.Reflection;
using Amazon.KeyManagementService;
using Amazon.Runtime;

namespace KmsActors.Server.Tests.Sdk.Constraints;

/// <summary>
/// Builds the AWS SDK for .NET's request (Amazon.KeyManagementService.Model.&lt;Operation&gt;Request) from a value tree by
/// reflection (property names are the model's member names) and calls the client's &lt;Operation&gt;Async.
/// </summary>
public static class SdkRequests
{
    private static readonly Assembly Sdk = typeof(AmazonKeyManagementServiceClient).Assembly;

    /// <summary>The SDK's request type of <paramref name="operation"/>, or null when the SDK has none.</summary>
    public static Type? RequestType(string operation) => Sdk.GetType($"Amazon.KeyManagementService.Model.{operation}Request");

    /// <summary>The SDK request for <paramref name="request"/>, or null (with the reason) when the SDK has no property
    /// for some member of it, so the request must go as raw JSON.</summary>
    public static object? Build(string operation, Dictionary<string, object?> request, out string? cannot)
    {
        cannot = null;
        if (RequestType(operation) is not { } type)
        {
            cannot = $"the SDK has no {operation}Request";
            return null;
        }
        try
        {
            return Convert(type, request);
        }
        catch (SdkCannotCarryException e)
        {
            cannot = e.Message;
            return null;
        }
    }

    /// <summary>Calls &lt;Operation&gt;Async; null on success, else the service's error code and message.</summary>
    public static async Task<(string Code, string Message)?> Call(IAmazonKeyManagementService client, string operation, object request)
    {
        var method = typeof(IAmazonKeyManagementService).GetMethod($"{operation}Async", [request.GetType(), typeof(CancellationToken)])
            ?? throw new InvalidOperationException($"The SDK client has no {operation}Async({request.GetType().Name}, CancellationToken).");
        try
        {
            await (Task)method.Invoke(client, [request, CancellationToken.None])!;
            return null;
        }
        catch (AmazonKeyManagementServiceException e)
        {
            return (e.ErrorCode, e.Message);
        }
    }

    private static object? Convert(Type target, object? value)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        switch (value)
        {
            case null:
                return null;
            case string text when type == typeof(string):
                return text;
            case string name when type.IsSubclassOf(typeof(ConstantClass)):
                // Any string: the SDK's enums are open, so it sends values the model does not have.
                return Activator.CreateInstance(type, name);
            case byte[] bytes when type == typeof(MemoryStream):
                return new MemoryStream(bytes);
            case long number when type == typeof(int):
                return checked((int)number);
            case long number when type == typeof(long):
                return number;
            case bool flag when type == typeof(bool):
                return flag;
            case Dictionary<string, string> map when type == typeof(Dictionary<string, string>):
                return new Dictionary<string, string>(map);
            case List<object?> list when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>):
                var entries = (IList)Activator.CreateInstance(type)!;
                foreach (var entry in list)
                    entries.Add(Convert(type.GetGenericArguments()[0], entry));
                return entries;
            case Dictionary<string, object?> structure when type.IsClass:
                var instance = Activator.CreateInstance(type)!;
                foreach (var (name, member) in structure)
                {
                    var property = type.GetProperty(name)
                        ?? throw new SdkCannotCarryException($"the SDK's {type.Name} has no property {name}");
                    property.SetValue(instance, Convert(property.PropertyType, member));
                }
                return instance;
            default:
                throw new SdkCannotCarryException($"the SDK's {type.Name} cannot hold a {value.GetType().Name}");
        }
    }

    private sealed class SdkCannotCarryException(string message) : Exception(message);
}
