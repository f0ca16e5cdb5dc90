using System.Buffers;
using System.IO.Pipelines;
using Akka.Actor;
using KmsActors.Kms.Model;
using KmsActors.Server.Protocol;
using KmsActors.Server.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using KmsActors.Kms.Services;

namespace KmsActors.Server.Dispatch;

/// <summary>
/// <c>POST /</c>: the AWS KMS JSON 1.1 endpoint. Reads the target and body, authenticates the caller, decodes the
/// operation's request record, hands it to the <see cref="IKmsRequestHandler"/> and writes the response record or
/// the AWS error (docs/wire-protocol.md: 400 for client errors, 500 KMSInternalException, 503 DependencyTimeoutException).
/// </summary>
public sealed class KmsEndpoint(IKmsRequestHandler handler, RequestAuthenticator authenticator, ActorSystem system, ILogger<KmsEndpoint> logger)
{
    /// <summary>The engine's ID source: random UUIDv4 request IDs without a system call each (Guid.NewGuid costs a read of
    /// the system's randomness), and deterministic ones when kms.deterministic-ids is on.</summary>
    private readonly IdSource _ids = IdSource.Get(system);

    /// <summary>Bodies above this are refused before they are read whole (KMS requests are a few KiB at most).</summary>
    public const int MaxRequestBodyBytes = 1024 * 1024;

    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string UnknownOperation = "UnknownOperationException";
    public const string RequestEntityTooLarge = "RequestEntityTooLargeException";

    /// <summary>AWS's text for a failure it does not explain.</summary>
    public const string InternalFailureMessage = "The request processing has failed because of an unknown error, exception or failure.";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var requestId = _ids.NewRequestId();
        context.Response.Headers[RequestIdHeader] = requestId;

        var target = request.Headers["X-Amz-Target"].ToString();
        var operation = KmsOperation.FromTarget(target);
        if (operation is null)
        {
            await WriteError(context, StatusCodes.Status400BadRequest, UnknownOperation,
                string.IsNullOrEmpty(target)
                    ? "Missing X-Amz-Target header: expected TrentService.<Operation>."
                    : $"Unknown operation '{target}': expected TrentService.<Operation> naming a KMS operation.");
            return;
        }
        if (!IsJson(request.ContentType))
        {
            await WriteError(context, StatusCodes.Status400BadRequest, AwsMemberPath.SerializationException,
                $"Content-Type '{request.ContentType}' is not supported: send {AwsJsonCodec.ContentType}.");
            return;
        }
        if (request.ContentLength > MaxRequestBodyBytes)
        {
            await WriteTooLarge(context, request.ContentLength.Value);
            return;
        }

        byte[]? rented = null;
        try
        {
            var (buffer, length) = await ReadBody(request.BodyReader, context.RequestAborted);
            rented = buffer;
            if (length < 0)
            {
                await WriteTooLarge(context, null);
                return;
            }
            var body = buffer.AsMemory(0, length);
            var (caller, region) = authenticator.Authenticate(request, body.Span);
            var input = AwsJsonCodec.ReadRequest(operation.InputJson, body.Span, region);
            var output = await handler.HandleAsync(operation.Name, input, caller, region, requestId, context.RequestAborted);
            if (output is not null && (operation.Output is null || !operation.Output.IsInstanceOfType(output)))
                throw new InvalidOperationException($"{operation.Name} answered {output.GetType().Name}, expected {operation.Output?.Name ?? "no output"}.");
            await Write(context, StatusCodes.Status200OK, AwsJsonCodec.WriteResponseAs(operation.OutputJson, output));
        }
        catch (KmsException error)
        {
            await WriteError(context, StatusOf(error), error.ErrorCode, error.ErrorMessage);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteTooLarge(context, null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception error)
        {
            logger.LogError(error, "{Operation} failed unexpectedly (request {RequestId}).", operation.Name, requestId);
            await WriteError(context, StatusCodes.Status500InternalServerError, KmsErrorCodes.KMSInternalException, InternalFailureMessage);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>400 for every client error (as real KMS sends), 500 for internal faults, 503 for DependencyTimeout.</summary>
    public static int StatusOf(KmsException error) => error.ErrorCode switch
    {
        KmsErrorCodes.DependencyTimeoutException => StatusCodes.Status503ServiceUnavailable,
        _ when error.IsClientError => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || contentType.StartsWith(AwsJsonCodec.ContentType, StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/x-amz-json-1.0", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The whole body in a pooled buffer; length -1 when it exceeds <see cref="MaxRequestBodyBytes"/>.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBody(PipeReader reader, CancellationToken ct)
    {
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            var buffered = result.Buffer;
            if (buffered.Length > MaxRequestBodyBytes)
            {
                reader.AdvanceTo(buffered.Start, buffered.End);
                return (ArrayPool<byte>.Shared.Rent(1), -1);
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                var length = (int)buffered.Length;
                var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                buffered.CopyTo(buffer);
                reader.AdvanceTo(buffered.End);
                return (buffer, length);
            }
            reader.AdvanceTo(buffered.Start, buffered.End);
        }
    }

    private static Task WriteTooLarge(HttpContext context, long? length) =>
        WriteError(context, StatusCodes.Status413PayloadTooLarge, RequestEntityTooLarge,
            $"The request body{(length is null ? "" : $" of {length} bytes")} exceeds the limit of {MaxRequestBodyBytes} bytes.");

    private static Task WriteError(HttpContext context, int status, string errorCode, string? message) =>
        Write(context, status, AwsJsonCodec.WriteError(errorCode, message));

    private static async Task Write(HttpContext context, int status, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = AwsJsonCodec.ContentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
