import Foundation
import Hummingbird

/// The review server's request context: JSON bodies of at most `ReviewController.maxBody`
/// bytes, and JSON answers (slashes unescaped; non-finite statistics, such as a keyness test on
/// an empty group, as the strings `NaN`, `Infinity`, `-Infinity`).
public struct ReviewRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who makes the request; set by `ReviewGuard` (nil: nobody signed in yet).
    public var identity: ReviewIdentity?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The coder who makes the request; a handler behind the guard always has one.
    func signedIn() throws -> ReviewIdentity {
        guard let identity else { throw APIError(.unauthorized, "not signed in; sign in at /signin") }
        return identity
    }

    public var maxUploadSize: Int { ReviewController.maxBody }

    public var responseEncoder: JSONEncoder { Self.encoder }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return encoder
    }()
}

/// A request the API does not serve, answered as `{"error": "…"}` (with `column`, from 1,
/// when a pattern is wrong there): what the page shows the coder.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var column: Int?

    init(_ status: HTTPResponse.Status, _ message: String, column: Int? = nil) {
        self.status = status
        self.message = message
        self.column = column
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try ReviewRequestContext.encoder.encode(ErrorJSON(error: message, column: column))
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension Request {
    /// The JSON body as `type`; a body that is not one is an `APIError` that says so (`what`:
    /// what the route takes), and one larger than the context allows a 413.
    func decodeJSON<T: Decodable>(_ type: T.Type, context: ReviewRequestContext, what: String) async throws -> T {
        do {
            return try await decode(as: type, context: context)
        } catch let error as HTTPError where error.status == .badRequest {
            throw APIError(.badRequest, "the body is not \(what): \(error.body ?? "not JSON")")
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(.contentTooLarge, "the body is larger than \(context.maxUploadSize / 1024) KB")
        } catch let error as DecodingError {
            throw APIError(.badRequest, "the body is not \(what): \(error)")
        }
    }
}

extension MetaJSON: ResponseEncodable {}
extension BulkResponse: ResponseEncodable {}
extension QuoteChoiceResponse: ResponseEncodable {}
extension UnitJSON: ResponseEncodable {}
extension ListRowsJSON: ResponseEncodable {}
extension DecisionResponse: ResponseEncodable {}
extension CodebookPanelJSON: ResponseEncodable {}
extension TrialJSON: ResponseEncodable {}
extension RevisionJSON: ResponseEncodable {}
extension ExploreInfoJSON: ResponseEncodable {}
extension RowsJSON: ResponseEncodable {}
extension KWICJSON: ResponseEncodable {}
extension KeynessJSON: ResponseEncodable {}
extension LearningCurveJSON: ResponseEncodable {}

/// Runs `work`, blocking calls into the store (or bcrypt), on a thread of Dispatch's pool
/// rather than on Swift's cooperative pool, which has one thread per core and serves every
/// connection: a coder's request that waits there for SQLite's one writer, or for a core on a
/// busy machine, then holds up no other coder's request.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result(catching: work)) }
    }
}
