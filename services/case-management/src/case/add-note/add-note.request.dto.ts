import { ApiProperty } from '@nestjs/swagger';
import { IsFreeText } from '../../shared/case-request-types.dto';

export class AddNoteRequest {
  @ApiProperty({ description: 'Encrypted under the case key', example: '已电话联系企业负责人' })
  @IsFreeText()
  text!: string;
}

export class NoteAddedResponse {
  @ApiProperty() noteId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() position!: number;
}
