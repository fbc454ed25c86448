import { AccessRequestRepository } from '../ports/portal/access-request.repository';

export interface DeleteAccessRequestCommand {
  accessRequestId: number;
}

/** Removes the request and revokes its credentials in the same write. */
export class DeleteAccessRequestUseCase {
  constructor(private readonly accessRequests: AccessRequestRepository) {}

  async execute(command: DeleteAccessRequestCommand): Promise<void> {
    await this.accessRequests.delete(command.accessRequestId);
  }
}
